import type { GroupRoundResult } from "./state";

/* Words for results by group, shared by the web comparison and the brief so they read the same. */

export const ROUND_KIND_TITLE: Record<GroupRoundResult["kind"], string> = {
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

/**
 * "Other" explained: which groups it holds (below the floor) and that people without a group are in it too.
 * `escape` is applied to the group names only (they are people's text; the rest is ours).
 */
export function otherExplained(result: GroupRoundResult, escape: (name: string) => string = (name) => name): string {
  const names = result.merged.map(escape).join(", ");
  const merged = result.merged.length > 0 ? `${names} and anyone without a group` : "people without a group";
  return `Other = ${merged} (fewer than ${result.floor} took part, so not shown alone)`;
}
