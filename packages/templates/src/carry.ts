import type { ElementLike, NoteOrigin, TemplateInstance } from "@quadrant/board-model";
import type { BuildContext } from "./element-factory";
import type { Rect } from "./geometry";
import type { NoteView } from "./interpret";
import { type BuiltNote, NOTE_SIZE, buildStickyNote } from "./notes";

export const CARRY_GAP = 24;

/**
 * RULE 16: carrying SWOT items or theme initiatives into a matrix creates one new sticky per
 * item (the source stays where it is), with `origin` naming the source template, its zone or
 * theme name, and the source note id. The new notes are stacked in a column just right of the
 * matrix frame, outside it, so they stay unplaced (unscored) until the group drags them in.
 */
export function carryToMatrix(
  sources: readonly NoteView[],
  matrixFrame: ElementLike | Rect,
  existing: readonly ElementLike[],
  ctx: BuildContext,
): BuiltNote[] {
  const column = matrixFrame.x + matrixFrame.width + CARRY_GAP + NOTE_SIZE.width / 2;
  // Start below anything already parked in the column, so repeated carries do not pile up.
  const parked = existing.filter(
    (e) => !e.isDeleted && Math.abs(e.x + e.width / 2 - column) < NOTE_SIZE.width / 2 && e.y >= matrixFrame.y,
  );
  let top = Math.max(matrixFrame.y, ...parked.map((e) => e.y + e.height + CARRY_GAP));
  const out: BuiltNote[] = [];
  for (const source of sources) {
    if (!source.templateId || !source.templateKind) continue;
    const label = source.templateKind === "theme-map" ? (source.themeName ?? "Unthemed") : (source.zoneName ?? "");
    const origin: NoteOrigin = {
      templateId: source.templateId,
      templateKind: source.templateKind,
      label,
      noteId: source.id,
    };
    const data = { origin, ...(source.author ? { author: source.author } : {}) };
    out.push(buildStickyNote({ x: column, y: top + NOTE_SIZE.height / 2 }, source.text, data, ctx));
    top += NOTE_SIZE.height + CARRY_GAP;
  }
  return out;
}

/** True when `instance` is a matrix a note can be carried into. */
export function isMatrix(instance: TemplateInstance): boolean {
  return instance.kind === "impact-effort";
}
