import type { FacilitationView, GroupRoundResult } from "@quadrant/facilitation";

/** Which revealed round the "By group" view shows: the newest one still on the board, else the newest kept. */
export function latestGroupResult(view: FacilitationView): GroupRoundResult | null {
  const { results } = view.groups;
  const current = [view.scoring, view.vote, view.rating].filter((r) => r !== null && r.status === "revealed").map((r) => r!.id);
  for (let i = results.length - 1; i >= 0; i--) if (current.includes(results[i]!.roundId)) return results[i]!;
  return results[results.length - 1] ?? null;
}

export const KIND_TITLE: Record<GroupRoundResult["kind"], string> = {
  scoring: "Impact / effort scoring",
  vote: "Dot vote",
  rating: "Health scorecard rating",
};

export const MEASURE_TITLE: Record<GroupRoundResult["measures"][number], string> = {
  impact: "Impact",
  effort: "Effort",
  dots: "Dots per person",
  rating: "Rating",
};

/** The largest value a measure can take, for bar lengths (dots: the round's largest mean, at least 1). */
export function measureScale(result: GroupRoundResult, measure: number): number {
  switch (result.measures[measure]) {
    case "impact":
    case "effort":
      return 10;
    case "rating":
      return 5;
    default:
      return Math.max(1, ...result.items.flatMap((item) => item.cells.map((cell) => cell.means[measure] ?? 0)));
  }
}

/** "Other" explained: which groups it holds (below the floor) and that people without a group are in it too. */
export function otherNote(result: GroupRoundResult): string {
  const merged = result.merged.length > 0 ? `${result.merged.join(", ")} and anyone without a group` : "people without a group";
  return `Other = ${merged} (fewer than ${result.floor} took part, so not shown alone)`;
}
