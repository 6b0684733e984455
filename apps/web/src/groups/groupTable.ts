import type { FacilitationView, GroupRoundResult } from "@quadrant/facilitation";

/** Which revealed round the "By group" view shows: the newest one still on the board, else the newest kept. */
export function latestGroupResult(view: FacilitationView): GroupRoundResult | null {
  const { results } = view.groups;
  const current = [view.scoring, view.vote, view.rating].filter((r) => r !== null && r.status === "revealed").map((r) => r!.id);
  for (let i = results.length - 1; i >= 0; i--) if (current.includes(results[i]!.roundId)) return results[i]!;
  return results[results.length - 1] ?? null;
}

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
