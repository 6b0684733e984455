import type { HealthDimension } from "@quadrant/board-model";
import type { FacilitationView } from "@quadrant/facilitation";
import { LOW_HEALTH_RATING, type ScorecardView } from "@quadrant/templates";
import { carryKey } from "./carriedHealth";

type RatingView = NonNullable<FacilitationView["rating"]>;
type RatingResult = NonNullable<RatingView["results"]>[number];

/** What the scorecard panel shows on one dimension's row. */
export interface ScorecardRow {
  dimension: HealthDimension;
  name: string;
  /** The scorecard's rating (the record), null until someone sets it. */
  rating: number | null;
  evidence: string;
  impact: string;
  /** While a rating round on this scorecard is open: this person's own rating (null: not yet). */
  mine: number | null;
  /** After the round's reveal: the group's result (null: nobody rated it, or no revealed round). */
  result: RatingResult | null;
  /** A note made from this dimension is on a SWOT. */
  carried: boolean;
  /** Low enough to be a weakness, not carried yet, and there is a SWOT to carry it to. */
  canCarry: boolean;
}

/** The round the panel shows on a scorecard: only a round opened on this scorecard. */
export function roundOn(card: ScorecardView, rating: FacilitationView["rating"] | undefined): RatingView | null {
  return rating && rating.templateId === card.instance.id ? rating : null;
}

export function scorecardRows(
  card: ScorecardView,
  rating: FacilitationView["rating"] | undefined,
  carried: ReadonlySet<string>,
  hasSwot: boolean,
): ScorecardRow[] {
  const round = roundOn(card, rating);
  return card.dimensions.map(({ dimension, name, record }) => {
    const value = record?.rating ?? null;
    const isCarried = carried.has(carryKey(card.instance.id, dimension));
    return {
      dimension,
      name,
      rating: value,
      evidence: record?.evidence ?? "",
      impact: record?.impact ?? "",
      mine: round?.status === "open" ? (round.mine[dimension] ?? null) : null,
      result: round?.results?.find((r) => r.dimension === dimension) ?? null,
      carried: isCarried,
      canCarry: hasSwot && !isCarried && value !== null && value <= LOW_HEALTH_RATING,
    };
  });
}
