import { describe, expect, it } from "vitest";
import { HEALTH_DIMENSIONS, type HealthRecord } from "@quadrant/board-model";
import type { FacilitationView } from "@quadrant/facilitation";
import { HEALTH_DIMENSION_NAMES, type ScorecardView } from "@quadrant/templates";
import { carryKey } from "./carriedHealth";
import { scorecardRows } from "./scorecardRows";

function card(id: string, ratings: Partial<Record<(typeof HEALTH_DIMENSIONS)[number], number>>): ScorecardView {
  return {
    instance: { id, kind: "health-scorecard", frameId: `${id}-frame`, title: "Technical health", zones: [], createdAt: 1 },
    dimensions: HEALTH_DIMENSIONS.map((dimension) => {
      const rating = ratings[dimension];
      const record: HealthRecord | null =
        rating === undefined
          ? null
          : { kind: "health", id: `health:${id}:${dimension}`, templateId: id, dimension, rating, evidence: `${dimension} evidence`, impact: "" };
      return { dimension, name: HEALTH_DIMENSION_NAMES[dimension], record, notes: [] };
    }),
  };
}

type Rating = NonNullable<FacilitationView["rating"]>;
const round = (templateId: string, patch: Partial<Rating>): Rating => ({
  id: 1,
  templateId,
  threshold: 1,
  status: "open",
  mine: {},
  raters: null,
  results: null,
  ...patch,
});

describe("the scorecard panel's rows", () => {
  it("six rows in order with the record's rating, evidence and impact", () => {
    const rows = scorecardRows(card("c", { security: 4 }), null, new Set(), false);
    expect(rows.map((r) => r.name)).toEqual(["Scalability", "Reliability", "Security", "Developer velocity", "Technical debt", "Team health"]);
    expect(rows[2]).toMatchObject({ dimension: "security", rating: 4, evidence: "security evidence", impact: "", mine: null, result: null });
    expect(rows[0]).toMatchObject({ rating: null, evidence: "" });
  });

  it("a dimension rated 2 or lower can go to the SWOT once, and only when there is a SWOT", () => {
    const c = card("c", { security: 2, reliability: 1, scalability: 3 });
    const rows = scorecardRows(c, null, new Set([carryKey("c", "reliability")]), true);
    expect(rows.map((r) => [r.dimension, r.canCarry, r.carried])).toEqual([
      ["scalability", false, false],
      ["reliability", false, true],
      ["security", true, false],
      ["developer-velocity", false, false],
      ["technical-debt", false, false],
      ["team-health", false, false],
    ]);
    expect(scorecardRows(c, null, new Set(), false).some((r) => r.canCarry)).toBe(false);
    // Carried from another scorecard does not count here.
    expect(scorecardRows(c, null, new Set([carryKey("other", "security")]), true)[2]?.canCarry).toBe(true);
  });

  it("an open round shows only my ratings; a revealed one the results; a round on another scorecard nothing", () => {
    const c = card("c", {});
    const open = scorecardRows(c, round("c", { mine: { security: 3 } }), new Set(), false);
    expect(open.map((r) => r.mine)).toEqual([null, null, 3, null, null, null]);
    const result = { dimension: "security" as const, count: 2, mean: 2.5, spread: 1.5, rounded: 3, discuss: true, accepted: false };
    const revealed = scorecardRows(c, round("c", { status: "revealed", mine: { security: 3 }, results: [result] }), new Set(), false);
    expect(revealed[2]).toMatchObject({ mine: null, result });
    expect(revealed[0]?.result).toBeNull();
    const elsewhere = scorecardRows(c, round("other", { mine: { security: 3 } }), new Set(), false);
    expect(elsewhere.every((r) => r.mine === null && r.result === null)).toBe(true);
  });
});
