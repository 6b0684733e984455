import type * as Y from "yjs";
import { type HealthDimension, type HealthRecord, type TemplateInstance, healthRecordId, parseBoard, readRecord, snapshotBoard, writeRecord } from "@quadrant/board-model";
import { type BuildContext, type ScorecardView, carryHealthToSwot } from "@quadrant/templates";
import type { Insert } from "../templates/docWrites";
import { carriedDimensions, carryKey } from "./carriedHealth";

export type HealthPatch = Partial<Pick<HealthRecord, "rating" | "evidence" | "impact">>;

/** The dimension's record as stored now (not as last rendered), so a write never drops another person's text. */
function currentRecord(doc: Y.Doc, card: ScorecardView, dimension: HealthDimension): HealthRecord {
  const id = healthRecordId(card.instance.id, dimension);
  const stored = readRecord(doc, id);
  if (stored?.kind === "health") return stored;
  const shown = card.dimensions.find((d) => d.dimension === dimension)?.record;
  return { kind: "health", id, templateId: card.instance.id, dimension, rating: shown?.rating ?? null, evidence: shown?.evidence ?? "", impact: shown?.impact ?? "" };
}

/** Sets one field of a dimension (validated by writeRecord); the others stay as the document has them. */
export function saveHealth(doc: Y.Doc, card: ScorecardView, dimension: HealthDimension, patch: HealthPatch): void {
  writeRecord(doc, { ...currentRecord(doc, card, dimension), ...patch });
}

/**
 * RULE 29 of @quadrant/templates: a new sticky in the SWOT's Weaknesses remembering where it came
 * from, handed to `addNotes` (BoardWriter: held during a private brainstorm). False when it is
 * already carried (a double click, two people at once), unrated, or the SWOT's frame is gone.
 */
export function carryToSwot(
  doc: Y.Doc,
  addNotes: (what: Insert) => void,
  swot: TemplateInstance,
  card: ScorecardView,
  dimension: HealthDimension,
  ctx: BuildContext,
): boolean {
  if (carriedDimensions(doc).has(carryKey(card.instance.id, dimension))) return false;
  const board = parseBoard(snapshotBoard(doc));
  const frame = board.elementsById.get(swot.frameId);
  const built = frame && carryHealthToSwot(currentRecord(doc, card, dimension), card.instance, swot, frame, board.elements, ctx);
  if (!built) return false;
  addNotes({ elements: built.elements, notes: [{ id: built.noteId, data: built.data }] });
  return true;
}
