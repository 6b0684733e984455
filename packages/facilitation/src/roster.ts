import type { Role } from "@quadrant/protocol";
import type { FacilitationState, RosterEntry } from "./state";
import { type CommandResult, ok, refuse } from "./result";

const RANK: Record<Role, number> = { viewer: 0, editor: 1, facilitator: 2 };

/**
 * `presence.hello`: records who took part under the sender's participant id. The role is the
 * connection's (the actor's), never claimed. One person seen with two links (a facilitator
 * checking the viewer link) keeps the stronger role: they took part as the facilitator.
 */
export function hello(state: FacilitationState, participantId: string, role: Role, name: string, now: number, maxParticipants: number): CommandResult {
  const known = state.participants[participantId];
  if (!known && Object.keys(state.participants).length >= maxParticipants) return refuse("limit", "too many participants");
  const entry: RosterEntry = known
    ? { ...known, name, role: RANK[role] > RANK[known.role] ? role : known.role }
    : { name, role, firstSeen: now, group: null, groupBy: null, ref: 0 };
  if (known && known.name === entry.name && known.role === entry.role) return ok(state);
  return ok({ ...state, participants: { ...state.participants, [participantId]: entry } });
}

/**
 * Who took part, for the brief: in the order they arrived, then by name; no participant ids.
 * One name is listed once (a person on a laptop and a phone has two ids), with its strongest role.
 */
export function roster(state: FacilitationState): Array<{ name: string; role: Role }> {
  const byName = new Map<string, RosterEntry>();
  for (const entry of Object.values(state.participants)) {
    const seen = byName.get(entry.name);
    if (!seen) byName.set(entry.name, entry);
    else
      byName.set(entry.name, {
        ...seen,
        name: entry.name,
        role: RANK[entry.role] > RANK[seen.role] ? entry.role : seen.role,
        firstSeen: Math.min(entry.firstSeen, seen.firstSeen),
      });
  }
  return [...byName.values()]
    .sort((a, b) => a.firstSeen - b.firstSeen || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, role }) => ({ name, role }));
}
