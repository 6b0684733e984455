import { HEALTH_DIMENSIONS, type HealthDimension } from "@quadrant/board-model";
import type { FacilitationState, RatingState } from "./state";
import { type BoardContext, type CommandResult, ok, refuse } from "./result";
import { meanAndSpread, round2 } from "./spread";

/** On a 1–5 scale a spread above 1 means the group is at least two steps apart on average. */
export const DEFAULT_RATING_THRESHOLD = 1;

export interface DimensionRatingResult {
  dimension: HealthDimension;
  /** How many people rated it. */
  count: number;
  mean: number;
  /** Population standard deviation. */
  spread: number;
  /** The mean rounded half up to a whole rating: what "accept" writes into the scorecard. */
  rounded: number;
  discuss: boolean;
  accepted: boolean;
}

/** Per dimension that anyone rated, in the scorecard's order (DOMAIN.md), never per person. */
export function ratingResults(rating: RatingState): DimensionRatingResult[] {
  const ballots = Object.values(rating.ratings);
  return HEALTH_DIMENSIONS.flatMap((dimension) => {
    const values = ballots.flatMap((ballot) => (ballot[dimension] === undefined ? [] : [ballot[dimension]]));
    if (values.length === 0) return [];
    const { mean, spread } = meanAndSpread(values);
    return [
      {
        dimension,
        count: values.length,
        mean: round2(mean),
        spread: round2(spread),
        // Rounded from the two-decimal mean everyone sees, so 2.5 shown is 3 written.
        rounded: Math.round(round2(mean)),
        discuss: spread > rating.threshold,
        accepted: rating.accepted.includes(dimension),
      },
    ];
  });
}

export function openRating(
  state: FacilitationState,
  options: { templateId: string; threshold?: number | undefined },
  board: BoardContext,
): CommandResult {
  if (board.isScorecard(options.templateId) === false) {
    return refuse("not-found", "that is not a technical health scorecard on this board");
  }
  const rating: RatingState = {
    id: state.nextId,
    templateId: options.templateId,
    threshold: options.threshold ?? DEFAULT_RATING_THRESHOLD,
    status: "open",
    ratings: {},
    accepted: [],
  };
  return ok({ ...state, rating, nextId: state.nextId + 1 });
}

/** A resubmission replaces the participant's earlier rating of that dimension. */
export function submitRating(
  state: FacilitationState,
  participantId: string,
  dimension: HealthDimension,
  value: number,
  maxRaters: number,
): CommandResult {
  const rating = state.rating;
  if (!rating || rating.status !== "open") return refuse("conflict", "no rating round is open");
  if (!(participantId in rating.ratings) && Object.keys(rating.ratings).length >= maxRaters) {
    return refuse("limit", "too many raters");
  }
  const own = { ...rating.ratings[participantId], [dimension]: value };
  return ok({ ...state, rating: { ...rating, ratings: { ...rating.ratings, [participantId]: own } } });
}

export function revealRating(state: FacilitationState): CommandResult {
  if (!state.rating || state.rating.status !== "open") return refuse("conflict", "no rating round is open");
  return ok({ ...state, rating: { ...state.rating, status: "revealed" } });
}

/**
 * Writes the rounded mean into the dimension's health record (a document effect; evidence and
 * impact stay as they are). It may be repeated, like accepting a scoring mean.
 */
export function acceptRating(state: FacilitationState, dimension: HealthDimension): CommandResult {
  const rating = state.rating;
  if (!rating || rating.status !== "revealed") return refuse("conflict", "ratings are not revealed");
  const result = ratingResults(rating).find((r) => r.dimension === dimension);
  if (!result) return refuse("not-found", "nobody rated that dimension");
  const accepted = rating.accepted.includes(dimension) ? rating.accepted : [...rating.accepted, dimension];
  return ok({ ...state, rating: { ...rating, accepted } }, [
    { kind: "set-health-rating", templateId: rating.templateId, dimension, rating: result.rounded },
  ]);
}

export function closeRating(state: FacilitationState): CommandResult {
  if (!state.rating) return refuse("conflict", "there is no rating round");
  return ok({ ...state, rating: null });
}
