import { HEALTH_DIMENSIONS } from "@quadrant/board-model";
import type { FacilitationState, GroupRoundResult, RatingState, ScoringState, VoteState } from "./state";
import { ballotSize } from "./voting";
import { meanAndSpread, round2 } from "./spread";

/*
 * Results by group under the anonymity floor (docs/facilitation.md, "Groups and the anonymity floor").
 * Pure: a revealed round and who is in which group in, aggregates of at least `floor` people out.
 */

export const OTHER = "other";
export const NO_GROUP = "none";

type Measure = GroupRoundResult["measures"][number];

/** One person's values for one item, in the round's measure order. */
interface Entry {
  participantId: string;
  values: number[];
}

/** A round as items → entries, whatever its kind. */
interface RoundInput {
  kind: GroupRoundResult["kind"];
  roundId: number;
  measures: Measure[];
  items: Map<string, Entry[]>;
  /** Everyone who took part in the round (a score, a dot, a rating). */
  tookPart: Set<string>;
}

/**
 * Which unit each group reports under, for one item. A group with fewer people than the floor goes
 * into "Other" with the people who have no group. If "Other" is then non-empty but below the floor,
 * the smallest reported group joins it too ("complementary suppression"): otherwise the room total
 * minus the reported groups would give away the small remainder's values by subtraction, which is
 * exactly what the floor forbids. One move always suffices (every reported group is ≥ floor).
 * Returns group key (group id or NO_GROUP) → unit key, and whether "Other" is reported.
 */
export function partition(counts: ReadonlyMap<string, number>, floor: number): { unitOf: Map<string, string>; otherReported: boolean } {
  const unitOf = new Map<string, string>();
  let otherCount = 0;
  const reported: Array<[string, number]> = [];
  for (const [key, count] of counts) {
    if (count === 0) continue;
    if (key !== NO_GROUP && count >= floor) reported.push([key, count]);
    else {
      unitOf.set(key, OTHER);
      otherCount += count;
    }
  }
  reported.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  if (otherCount > 0 && otherCount < floor && reported.length > 0) {
    const [smallest, count] = reported.shift()!;
    unitOf.set(smallest, OTHER);
    otherCount += count;
  }
  for (const [key] of reported) unitOf.set(key, key);
  return { unitOf, otherReported: otherCount >= floor };
}

function scoringInput(round: ScoringState): RoundInput {
  const items = new Map<string, Entry[]>();
  for (const [participantId, perNote] of Object.entries(round.scores)) {
    for (const [noteId, score] of Object.entries(perNote)) {
      items.set(noteId, [...(items.get(noteId) ?? []), { participantId, values: [score.impact, score.effort] }]);
    }
  }
  return { kind: "scoring", roundId: round.id, measures: ["impact", "effort"], items, tookPart: new Set(Object.keys(round.scores)) };
}

/** A dot vote: every voter of a unit counts for every note (0 dots is an opinion too), so counts are the unit's voters. */
function voteInput(round: VoteState): RoundInput {
  const voters = Object.entries(round.ballots).filter(([, ballot]) => ballotSize(ballot) > 0);
  const noteIds = new Set(voters.flatMap(([, ballot]) => Object.keys(ballot)));
  const items = new Map<string, Entry[]>();
  for (const noteId of noteIds) {
    items.set(noteId, voters.map(([participantId, ballot]) => ({ participantId, values: [ballot[noteId] ?? 0] })));
  }
  return { kind: "vote", roundId: round.id, measures: ["dots"], items, tookPart: new Set(voters.map(([id]) => id)) };
}

function ratingInput(round: RatingState): RoundInput {
  const items = new Map<string, Entry[]>();
  for (const dimension of HEALTH_DIMENSIONS) {
    const entries = Object.entries(round.ratings).flatMap(([participantId, ballot]) => {
      const value = ballot[dimension];
      return value === undefined ? [] : [{ participantId, values: [value] }];
    });
    if (entries.length > 0) items.set(dimension, entries);
  }
  return { kind: "rating", roundId: round.id, measures: ["rating"], items, tookPart: new Set(Object.keys(round.ratings)) };
}

/** The group key of a participant now (NO_GROUP without one, or when their group was removed). */
function groupKeyOf(state: FacilitationState, participantId: string): string {
  const group = state.participants[participantId]?.group ?? null;
  return group !== null && state.groups.list.some((g) => g.id === group) ? group : NO_GROUP;
}

/** The results by group of a revealed round, with the floor frozen when it opened. */
export function groupResults(
  state: FacilitationState,
  round: { kind: "scoring"; value: ScoringState } | { kind: "vote"; value: VoteState } | { kind: "rating"; value: RatingState },
  floor: number,
): GroupRoundResult {
  const input = round.kind === "scoring" ? scoringInput(round.value) : round.kind === "vote" ? voteInput(round.value) : ratingInput(round.value);
  const threshold = state.groups.thresholds[round.kind];
  const names = new Map(state.groups.list.map((g) => [g.id, g.name]));
  const nameOf = (key: string) => (key === OTHER ? "Other" : key === NO_GROUP ? "No group" : (names.get(key) ?? key));
  const usedUnits = new Set<string>();
  const column = (key: string) => (key === OTHER ? Number.MAX_SAFE_INTEGER : state.groups.list.findIndex((g) => g.id === key));
  const merged = new Set<string>();

  const items: GroupRoundResult["items"] = [];
  for (const [id, entries] of input.items) {
    const byGroup = new Map<string, Entry[]>();
    for (const entry of entries) {
      const key = groupKeyOf(state, entry.participantId);
      byGroup.set(key, [...(byGroup.get(key) ?? []), entry]);
    }
    const { unitOf, otherReported } = partition(new Map([...byGroup].map(([k, list]) => [k, list.length])), floor);
    const byUnit = new Map<string, Entry[]>();
    for (const [key, list] of byGroup) {
      const unit = unitOf.get(key)!;
      if (unit === OTHER && key !== NO_GROUP) merged.add(nameOf(key));
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), ...list]);
    }
    const cells = [...byUnit]
      .filter(([unit]) => unit !== OTHER || otherReported)
      .sort(([a], [b]) => column(a) - column(b))
      .map(([unit, list]) => {
        usedUnits.add(unit);
        const stats = input.measures.map((_, m) => meanAndSpread(list.map((e) => e.values[m]!)));
        return { key: unit, count: list.length, means: stats.map((s) => round2(s.mean)), spreads: stats.map((s) => round2(s.spread)) };
      });
    const gap =
      cells.length < 2
        ? null
        : round2(Math.max(...input.measures.map((_, m) => Math.max(...cells.map((c) => c.means[m]!)) - Math.min(...cells.map((c) => c.means[m]!)))));
    items.push({ id, cells, gap, disagree: gap !== null && gap > threshold, otherHidden: byUnit.has(OTHER) && !otherReported });
  }
  items.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || (a.id < b.id ? -1 : 1));

  const order = state.groups.list.map((g) => g.id).filter((key) => usedUnits.has(key));
  const units = [...order, ...(usedUnits.has(OTHER) ? [OTHER] : [])].map((key) => ({ key, name: nameOf(key) }));
  const participationCounts = new Map<string, number>();
  for (const participantId of input.tookPart) {
    const key = groupKeyOf(state, participantId);
    participationCounts.set(key, (participationCounts.get(key) ?? 0) + 1);
  }
  const participation = [...state.groups.list.map((g) => g.id), NO_GROUP]
    .filter((key) => participationCounts.has(key))
    .map((key) => ({ key, name: nameOf(key), count: participationCounts.get(key)! }));

  return {
    roundId: input.roundId,
    kind: input.kind,
    floor,
    threshold,
    measures: input.measures,
    units,
    participation,
    merged: [...merged].sort(),
    items,
  };
}
