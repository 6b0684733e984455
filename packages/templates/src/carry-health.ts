import type { ElementLike, HealthOrigin, HealthRecord, NoteData, TemplateInstance } from "@quadrant/board-model";
import { HEALTH_DIMENSION_NAMES } from "./builders";
import type { BuildContext } from "./element-factory";
import { type Rect, rectOf } from "./geometry";
import { type BuiltNote, NOTE_SIZE, buildStickyNote } from "./notes";
import { zoneRect } from "./zone-areas";

/** A rating at or below this is "low": the scorecard panel offers to carry it into the SWOT. */
export const LOW_HEALTH_RATING = 2;
const WEAKNESSES_ZONE = "weaknesses";
const GAP = 24;
/** Room for the zone's own label ("Weaknesses", 28 px) above the first row. */
const LABEL_SPACE = 60;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The first free note-sized slot in the zone, row by row; the first slot when the zone is full. */
function freeSlot(zone: Rect, existing: readonly ElementLike[]): { x: number; y: number } {
  const obstacles = existing.filter((e) => !e.isDeleted && e.type !== "frame").map(rectOf);
  const left = zone.x + GAP;
  const top = zone.y + LABEL_SPACE;
  const columns = Math.max(1, Math.floor((zone.width - GAP) / (NOTE_SIZE.width + GAP)));
  const rows = Math.max(1, Math.floor((zone.height - LABEL_SPACE) / (NOTE_SIZE.height + GAP)));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const slot = { x: left + c * (NOTE_SIZE.width + GAP), y: top + r * (NOTE_SIZE.height + GAP), ...NOTE_SIZE };
      if (!obstacles.some((o) => overlaps(o, slot))) return { x: slot.x + NOTE_SIZE.width / 2, y: slot.y + NOTE_SIZE.height / 2 };
    }
  }
  return { x: left + NOTE_SIZE.width / 2, y: top + NOTE_SIZE.height / 2 };
}

/**
 * RULE 29: carrying a rated health dimension into a SWOT creates one new sticky in the SWOT's
 * Weaknesses zone (the first free slot, row by row, below the zone's label) whose
 * `healthOrigin` records the scorecard, the dimension and the rating at the time. Its text is
 * the dimension's name and the first line of its evidence. Null when the dimension is not
 * rated, belongs to another scorecard, or the target is not a SWOT with a Weaknesses zone.
 */
export function carryHealthToSwot(
  record: HealthRecord,
  scorecard: TemplateInstance,
  swot: TemplateInstance,
  swotFrame: ElementLike | Rect,
  existing: readonly ElementLike[],
  ctx: BuildContext,
): BuiltNote | null {
  if (record.rating === null || record.templateId !== scorecard.id || scorecard.kind !== "health-scorecard") return null;
  const zone = swot.kind === "swot" ? swot.zones.find((z) => z.id === WEAKNESSES_ZONE) : undefined;
  if (!zone) return null;
  const area = zoneRect(rectOf(swotFrame), zone);
  const name = HEALTH_DIMENSION_NAMES[record.dimension];
  const evidence = record.evidence.split(/\r\n?|\n/).map((l) => l.trim()).find((l) => l !== "") ?? "";
  const healthOrigin: HealthOrigin = { templateId: scorecard.id, dimension: record.dimension, rating: record.rating };
  const data: NoteData = { healthOrigin };
  return buildStickyNote(freeSlot(area, existing), evidence === "" ? name : `${name}: ${evidence}`, data, ctx);
}
