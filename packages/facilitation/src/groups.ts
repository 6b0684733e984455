import type { Command } from "./commands";
import type { Actor } from "./result";
import { type CommandResult, ok, refuse } from "./result";
import type { FacilitationState, GroupDef, GroupRoundResult, GroupsState, RosterEntry } from "./state";
import { groupResults } from "./group-results";

/*
 * Groups (issue 18): who belongs where, and the anonymity floor frozen per round.
 * Membership is a server fact on the participant's roster entry: the facilitator assigns anyone,
 * a participant sets only their own group and only while self-pick is on, and a group's join
 * code places its bearer in that group. Nobody can name another participant: the commands a
 * participant may send carry no participant field at all.
 */

export const MAX_GROUPS = 12;

/** 128 random bits, URL-safe: a group's join code is an unguessable bearer secret (GroupJoinCode). */
export function newJoinCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A group's id: `g` and its number (GroupsState.nextGroup hands the numbers out). */
function groupId(n: number): string {
  return `g${n}`;
}

/** The `nextGroup` that follows every group of `list`: ids are never reused, even after a removal. */
export function nextGroupAfter(list: readonly { id: string }[]): number {
  return Math.max(0, ...list.map((g) => Number(/^g(\d+)$/.exec(g.id)?.[1] ?? 0))) + 1;
}

type GroupCommand = Extract<Command, { type: `groups.${string}` }>;

const sameName = (a: string, b: string) => a.toLocaleLowerCase("en") === b.toLocaleLowerCase("en");

function withGroups(state: FacilitationState, groups: Partial<GroupsState>): FacilitationState {
  return { ...state, groups: { ...state.groups, ...groups } };
}

function setMembership(state: FacilitationState, participantId: string, group: string | null, by: RosterEntry["groupBy"]): FacilitationState {
  const entry = state.participants[participantId]!;
  if (entry.group === group && entry.groupBy === by) return state;
  return { ...state, participants: { ...state.participants, [participantId]: { ...entry, group, groupBy: group === null ? null : by } } };
}

function findGroup(state: FacilitationState, groupId: string): GroupDef | undefined {
  return state.groups.list.find((g) => g.id === groupId);
}

export function applyGroupCommand(state: FacilitationState, command: GroupCommand, actor: Actor): CommandResult {
  const { list } = state.groups;
  switch (command.type) {
    case "groups.define": {
      if (list.length >= MAX_GROUPS) return refuse("limit", `a board has at most ${MAX_GROUPS} groups`);
      if (list.some((g) => sameName(g.name, command.name))) return refuse("conflict", `there is already a group called ${command.name}`);
      if (list.some((g) => g.code === command.code)) return refuse("conflict", "that join code is in use: generate another");
      const group: GroupDef = { id: groupId(state.groups.nextGroup), name: command.name, code: command.code };
      return ok(withGroups(state, { list: [...list, group], nextGroup: state.groups.nextGroup + 1 }));
    }
    case "groups.rename": {
      if (!findGroup(state, command.groupId)) return refuse("not-found", "no such group");
      if (list.some((g) => g.id !== command.groupId && sameName(g.name, command.name))) {
        return refuse("conflict", `there is already a group called ${command.name}`);
      }
      return ok(withGroups(state, { list: list.map((g) => (g.id === command.groupId ? { ...g, name: command.name } : g)) }));
    }
    case "groups.newLink": {
      if (!findGroup(state, command.groupId)) return refuse("not-found", "no such group");
      if (list.some((g) => g.code === command.code)) return refuse("conflict", "that join code is in use: generate another");
      return ok(withGroups(state, { list: list.map((g) => (g.id === command.groupId ? { ...g, code: command.code } : g)) }));
    }
    case "groups.remove": {
      if (!findGroup(state, command.groupId)) return refuse("not-found", "no such group");
      // Its members have no group any more; results already revealed keep their names.
      const participants = Object.fromEntries(
        Object.entries(state.participants).map(([id, entry]) => [
          id,
          entry.group === command.groupId ? { ...entry, group: null, groupBy: null } : entry,
        ]),
      );
      return ok({ ...withGroups(state, { list: list.filter((g) => g.id !== command.groupId) }), participants });
    }
    case "groups.settings": {
      const { thresholds } = state.groups;
      return ok(
        withGroups(state, {
          selfPick: command.selfPick ?? state.groups.selfPick,
          // Rounds already open keep the floor they opened with (frozenFloors).
          floor: command.floor ?? state.groups.floor,
          thresholds: {
            scoring: command.scoringThreshold ?? thresholds.scoring,
            vote: command.voteThreshold ?? thresholds.vote,
            rating: command.ratingThreshold ?? thresholds.rating,
          },
        }),
      );
    }
    case "groups.assign": {
      const target = Object.entries(state.participants).find(([, entry]) => entry.ref === command.ref);
      if (!target) return refuse("not-found", "nobody with that handle has joined this board");
      if (command.groupId !== null && !findGroup(state, command.groupId)) return refuse("not-found", "no such group");
      return ok(setMembership(state, target[0], command.groupId, "facilitator"));
    }
    case "groups.pick": {
      const me = state.participants[actor.participantId];
      if (!me) return refuse("conflict", "say your name first: groups are kept with the names of who took part");
      if (!state.groups.selfPick && actor.role !== "facilitator") {
        return refuse("forbidden", "the facilitator assigns groups on this board: ask them to place you");
      }
      if (command.groupId !== null && !findGroup(state, command.groupId)) return refuse("not-found", "no such group: it may have been removed");
      return ok(setMembership(state, actor.participantId, command.groupId, "self"));
    }
    case "groups.join": {
      const me = state.participants[actor.participantId];
      if (!me) return refuse("conflict", "say your name first: groups are kept with the names of who took part");
      const group = list.find((g) => g.code === command.code);
      if (!group) return refuse("not-found", "this group link is no longer valid: pick your group or ask the facilitator for a new link");
      // The facilitator's placement outlasts a reload with an older link.
      if (me.groupBy === "facilitator") return ok(state);
      return ok(setMembership(state, actor.participantId, group.id, "link"));
    }
  }
}

/** The rounds that can have results by group, as they stand. */
function currentRounds(state: FacilitationState) {
  return [
    state.scoring && { kind: "scoring" as const, value: state.scoring, revealed: state.scoring.status === "revealed" },
    state.vote && { kind: "vote" as const, value: state.vote, revealed: state.vote.status === "revealed" },
    state.rating && { kind: "rating" as const, value: state.rating, revealed: state.rating.status === "revealed" },
  ].filter((round) => round !== null);
}

/**
 * Runs after every accepted command (reducer.ts), whatever opened or revealed a round, so a round
 * that reaches "revealed" by any path (a live reveal, a pre-work round merged at the live session)
 * gets its results by group:
 * - a round seen for the first time freezes the floor in force (changing it later affects the next round);
 * - a revealed round without results gets them now, computed once: membership is frozen with them,
 *   so moving people between groups after the reveal cannot be used to subtract one person out;
 * - roster entries get their facilitator handle (`ref`).
 */
export function settleGroups(state: FacilitationState): FacilitationState {
  let groups = state.groups;
  let participants = state.participants;
  const rounds = currentRounds(state);

  const frozenFloors: Record<string, number> = {};
  for (const round of rounds) frozenFloors[round.value.id] = groups.frozenFloors[round.value.id] ?? groups.floor;
  let results = groups.results;
  for (const round of rounds) {
    if (!round.revealed || groups.list.length === 0 || results.some((r) => r.roundId === round.value.id)) continue;
    const result: GroupRoundResult = groupResults(state, round, frozenFloors[round.value.id]!);
    results = [...results, result].slice(-20);
  }

  let nextRef = groups.nextRef;
  if (Object.values(participants).some((entry) => entry.ref === 0)) {
    participants = Object.fromEntries(
      Object.entries(participants).map(([id, entry]) => [id, entry.ref === 0 ? { ...entry, ref: nextRef++ } : entry]),
    );
  }

  const floorsChanged = JSON.stringify(frozenFloors) !== JSON.stringify(groups.frozenFloors);
  if (!floorsChanged && results === groups.results && nextRef === groups.nextRef) return state;
  groups = { ...groups, frozenFloors, results, nextRef };
  return { ...state, groups, participants };
}

/** The floor a round opened with (the current setting for a round not yet seen). */
export function floorOf(state: FacilitationState, roundId: number): number {
  return state.groups.frozenFloors[roundId] ?? state.groups.floor;
}

/**
 * Who took part from which group, for the brief: one line per name (a person on two devices is listed
 * once, with the group of their latest arrival that has one), in order of arrival; no participant ids.
 */
export function groupRoster(state: FacilitationState): Array<{ name: string; group: string | null }> {
  const names = new Map(state.groups.list.map((g) => [g.id, g.name]));
  return [...groupIdsByName(state)].map(([name, id]) => ({ name, group: id === null ? null : (names.get(id) ?? null) }));
}

/**
 * Each name's group id, in the order the names first arrived: the group of the latest of that
 * name's entries that is in a group still defined (one person may hold several participant ids).
 */
export function groupIdsByName(state: FacilitationState): Map<string, string | null> {
  const defined = new Set(state.groups.list.map((g) => g.id));
  const byName = new Map<string, string | null>();
  const entries = Object.values(state.participants).sort((a, b) => a.firstSeen - b.firstSeen);
  for (const entry of entries) {
    const group = entry.group !== null && defined.has(entry.group) ? entry.group : null;
    if (!byName.has(entry.name) || group !== null) byName.set(entry.name, group);
  }
  return byName;
}
