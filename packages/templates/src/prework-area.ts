import type { JsonObject } from "@quadrant/board-model";
import { type BuildContext, baseElement } from "./element-factory";
import { TEMPLATE_GAP, NOTE_GAP, freeSpotFor } from "./free-space";
import type { Point, Rect } from "./geometry";
import { NOTE_SIZE, buildStickyNote } from "./notes";

export const PREWORK_AREA_NAME = "Pre-work";
const PADDING = 40;
/** Rows stay short enough to read at a glance; more notes make more rows. */
const MAX_COLUMNS = 6;

export interface BuiltPreworkArea {
  /** The frame, then each sticky and its label, in z-order. */
  elements: JsonObject[];
  frameId: string;
  rect: Rect;
}

/**
 * Revealed brainstorm pre-work: one plain (untagged) frame named "Pre-work" in free space near
 * `near`, clear of everything in `occupied` (freeSpotFor), with the notes on a grid inside it so
 * none overlaps another. The frame is neither a template nor a theme: the group clusters the
 * notes out of it into themes, then deletes it.
 */
export function buildPreworkArea(texts: readonly string[], occupied: readonly Rect[], near: Point, ctx: BuildContext): BuiltPreworkArea {
  const columns = Math.max(1, Math.min(MAX_COLUMNS, Math.ceil(Math.sqrt(texts.length))));
  const rows = Math.max(1, Math.ceil(texts.length / columns));
  const size = {
    width: columns * NOTE_SIZE.width + (columns - 1) * NOTE_GAP + 2 * PADDING,
    height: rows * NOTE_SIZE.height + (rows - 1) * NOTE_GAP + 2 * PADDING,
  };
  const rect = freeSpotFor(size, occupied, near, TEMPLATE_GAP);
  const frameId = ctx.newId();
  const name = `${PREWORK_AREA_NAME} (${texts.length} ${texts.length === 1 ? "note" : "notes"})`;
  const frame = { ...baseElement({ id: frameId, type: "frame", ...rect, frameId: null, locked: false, tag: null }, ctx), name };
  const elements: JsonObject[] = [frame];
  texts.forEach((text, i) => {
    const centre = {
      x: rect.x + PADDING + (i % columns) * (NOTE_SIZE.width + NOTE_GAP) + NOTE_SIZE.width / 2,
      y: rect.y + PADDING + Math.floor(i / columns) * (NOTE_SIZE.height + NOTE_GAP) + NOTE_SIZE.height / 2,
    };
    const note = buildStickyNote(centre, text, {}, ctx);
    elements.push(...note.elements.map((e) => ({ ...e, frameId })));
  });
  return { elements, frameId, rect };
}
