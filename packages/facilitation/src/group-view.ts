import { z } from "zod";
import { Role } from "@quadrant/protocol";
import { type FacilitationState, GroupRoundResult } from "./state";
import { floorOf } from "./groups";

/**
 * What one connection learns about groups. Everyone: the group names, their own group, the
 * settings, the floor frozen into each open round, and revealed results by group (aggregates
 * of at least the floor, groups.ts). The facilitator only: join codes and who is in which group,
 * by roster handle (`ref`) and name, never by participant id.
 */
export const GroupsView = z.strictObject({
  list: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      /** How many people on the roster are in it. */
      members: z.number(),
      /** Facilitator only (null for others): the code its share link carries. */
      code: z.string().nullable(),
    }),
  ),
  selfPick: z.boolean(),
  /** The floor the next round will open with. */
  floor: z.number(),
  thresholds: z.strictObject({ scoring: z.number(), vote: z.number(), rating: z.number() }),
  /** The floor each current round opened with (null: no such round). */
  roundFloors: z.strictObject({ scoring: z.number().nullable(), vote: z.number().nullable(), rating: z.number().nullable() }),
  /** The viewer's own group id, or null. */
  mine: z.string().nullable(),
  /** Facilitator only: everyone on the roster with their handle and group. */
  people: z
    .array(z.strictObject({ ref: z.number(), name: z.string(), role: Role, group: z.string().nullable() }))
    .nullable(),
  /** Revealed rounds' results by group, newest last (the latest VIEW_RESULTS; exports read them all). */
  results: z.array(GroupRoundResult),
});
export type GroupsView = z.infer<typeof GroupsView>;

/** Every view is sent after every command: it carries the latest few rounds, not the whole history. */
const VIEW_RESULTS = 6;

export function groupsView(state: FacilitationState, participantId: string, facilitator: boolean): GroupsView {
  const { groups } = state;
  const entries = Object.values(state.participants);
  const known = new Set(groups.list.map((g) => g.id));
  const floorIf = (round: { id: number } | null) => (round ? floorOf(state, round.id) : null);
  const mine = state.participants[participantId]?.group ?? null;
  return {
    list: groups.list.map((g) => ({
      id: g.id,
      name: g.name,
      members: entries.filter((e) => e.group === g.id).length,
      code: facilitator ? g.code : null,
    })),
    selfPick: groups.selfPick,
    floor: groups.floor,
    thresholds: { ...groups.thresholds },
    roundFloors: { scoring: floorIf(state.scoring), vote: floorIf(state.vote), rating: floorIf(state.rating) },
    mine: mine !== null && known.has(mine) ? mine : null,
    people: facilitator
      ? entries
          .filter((e) => e.ref > 0)
          .sort((a, b) => a.firstSeen - b.firstSeen || a.ref - b.ref)
          .map((e) => ({ ref: e.ref, name: e.name, role: e.role, group: e.group !== null && known.has(e.group) ? e.group : null }))
      : null,
    results: groups.results.slice(-VIEW_RESULTS),
  };
}
