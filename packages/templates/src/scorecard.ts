import {
  type BoardRecord,
  HEALTH_DIMENSIONS,
  type HealthDimension,
  type HealthOrigin,
  type HealthRecord,
  type TemplateInstance,
  healthRecordId,
} from "@quadrant/board-model";
import { HEALTH_DIMENSION_NAMES } from "./builders";
import type { NoteView } from "./interpret";
import { byText } from "./note-order";

export interface ScorecardDimensionView {
  dimension: HealthDimension;
  name: string;
  /** null until someone rates or describes the dimension. */
  record: HealthRecord | null;
  /** Notes placed in the dimension's row, in text order. */
  notes: NoteView[];
}

export interface ScorecardView {
  instance: TemplateInstance;
  dimensions: ScorecardDimensionView[];
}

/**
 * RULE 27: each health-scorecard template lists its six dimensions in RULE 25 order with the
 * dimension's record (id `health:<templateId>:<dimension>`; a record of the same template and
 * dimension under another id counts only when that one is missing) and the notes in its row.
 */
export function readScorecards(
  templates: readonly TemplateInstance[],
  records: readonly BoardRecord[],
  notes: readonly NoteView[],
): ScorecardView[] {
  const health = records.filter((r): r is HealthRecord => r.kind === "health");
  return templates
    .filter((t) => t.kind === "health-scorecard")
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((instance) => ({
      instance,
      dimensions: HEALTH_DIMENSIONS.map((dimension) => {
        const id = healthRecordId(instance.id, dimension);
        const own = health.filter((r) => r.templateId === instance.id && r.dimension === dimension);
        const record = own.find((r) => r.id === id) ?? own.sort((a, b) => (a.id < b.id ? -1 : 1))[0] ?? null;
        return {
          dimension,
          name: HEALTH_DIMENSION_NAMES[dimension],
          record,
          notes: notes.filter((n) => n.templateId === instance.id && n.zoneId === dimension).sort(byText),
        };
      }),
    }));
}

const DEFAULT_SCORECARD_TITLE = "Technical health";

/** A scorecard's title for people: its own, or "Technical health" when it is blank. */
export function scorecardTitle(instance: TemplateInstance | undefined): string {
  return instance?.title.trim() || DEFAULT_SCORECARD_TITLE;
}

/** RULE 29: where a carried note came from, "Technical health: Security 2/5" (the scorecard's current title). */
export function healthProvenance(origin: HealthOrigin, templates: readonly TemplateInstance[]): string {
  const title = scorecardTitle(templates.find((t) => t.id === origin.templateId));
  return `${title}: ${HEALTH_DIMENSION_NAMES[origin.dimension]} ${origin.rating}/5`;
}
