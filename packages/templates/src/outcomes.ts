import {
  type ActionRecord,
  type BoardRecord,
  type DecisionRecord,
  type PrincipleRecord,
  SUMMARY_FIELDS,
  type SummaryField,
  type SummaryFieldRecord,
  VISION_RECORD_ID,
  summaryRecordId,
} from "@quadrant/board-model";

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * RULE 26: one text per summary field, "" when not set. The record with the well-known id
 * `summary:<field>` wins over any other record of the same field (an import could carry both).
 * The vision falls back to the legacy vision record only when no `summary:vision` exists at all:
 * a vision someone cleared in the panel stays cleared.
 */
export function readSummary(records: readonly BoardRecord[]): Record<SummaryField, string> {
  const out = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, ""])) as Record<SummaryField, string>;
  const canonical = (r: SummaryFieldRecord) => (r.id === summaryRecordId(r.field) ? 1 : 0);
  // Applied in order, so the last one of a field wins: the canonical record, else the smallest id.
  const summaries = records
    .filter((r): r is SummaryFieldRecord => r.kind === "summary")
    .sort((a, b) => canonical(a) - canonical(b) || byId(b, a));
  for (const r of summaries) out[r.field] = r.text;
  if (!summaries.some((r) => r.field === "vision")) {
    const legacy = records.find((r) => r.kind === "vision" && r.id === VISION_RECORD_ID);
    if (legacy?.kind === "vision") out.vision = legacy.text;
  }
  return out;
}

/** RULE 26: principles by `order`, then id. */
export function readPrinciples(records: readonly BoardRecord[]): PrincipleRecord[] {
  return records.filter((r): r is PrincipleRecord => r.kind === "principle").sort((a, b) => a.order - b.order || byId(a, b));
}

/** RULE 26: decisions by ADR number, then id. */
export function readDecisions(records: readonly BoardRecord[]): DecisionRecord[] {
  return records.filter((r): r is DecisionRecord => r.kind === "decision").sort((a, b) => a.number - b.number || byId(a, b));
}

/** RULE 26: open actions first, then done ones; each by createdAt, then id. */
export function readActions(records: readonly BoardRecord[]): ActionRecord[] {
  return records
    .filter((r): r is ActionRecord => r.kind === "action")
    .sort((a, b) => Number(a.done) - Number(b.done) || a.createdAt - b.createdAt || byId(a, b));
}
