import { z } from "zod";
import { Role } from "@quadrant/protocol";
import { AgendaStep, ClientId, type FacilitationState, ParticipantName, type RosterEntry, Target, initialState } from "./state";
import { rankVotes } from "./voting";
import { roster } from "./roster";

/**
 * The part of the facilitation state a JSON board backup carries (docs/api.md, "What a backup holds").
 * A backup is downloadable by every editor, so it holds only what an editor already sees or reads in
 * the brief: vote totals once revealed, the agenda, and who took part by name and role. It never
 * holds ballots, scores or ratings of individual people (secret before a reveal, and after it only
 * totals, means and spreads leave the server), private notes held back during a brainstorm,
 * participant ids, the ready check, the timer, focus or locks (live-session state, not outcomes).
 * Accepted scoring and rating outcomes are already in the document (note positions, scorecard).
 */
export const FacilitationBackup = z.strictObject({
  /** Revealed votes' totals, oldest first; an open or closed (unrevealed) vote is not included. */
  voteResults: z
    .array(
      z.strictObject({
        voteId: z.number().int().min(1),
        target: Target,
        ranking: z.array(z.strictObject({ noteId: ClientId, votes: z.number().int().min(0) })).max(5_000),
      }),
    )
    .max(500),
  agenda: z.strictObject({ steps: z.array(AgendaStep).max(50), current: z.number().int().min(-1).max(49) }),
  /** Who took part, in the order they arrived (roster()): no participant ids. */
  roster: z.array(z.strictObject({ name: ParticipantName, role: Role })).max(500),
});
export type FacilitationBackup = z.infer<typeof FacilitationBackup>;

/** What of `state` goes into a backup (see FacilitationBackup). */
export function backupOf(state: FacilitationState): FacilitationBackup {
  const vote = state.vote;
  const revealed = vote?.status === "revealed" ? [{ voteId: vote.id, target: vote.target, ranking: rankVotes(vote) }] : [];
  return {
    voteResults: [...state.voteResults, ...revealed],
    agenda: { steps: state.agenda.steps, current: state.agenda.current },
    roster: roster(state),
  };
}

/**
 * The control state of a board restored from a backup: the backup's outcomes, everything else as a
 * new board starts. Roster entries get ids of their own (`restored-N`) and arrival times in their
 * listed order, so roster() of the result lists them as the backup did.
 */
export function restoredState(backup: FacilitationBackup): FacilitationState {
  const participants: Record<string, RosterEntry> = {};
  backup.roster.forEach((entry, i) => {
    participants[`restored-${i + 1}`] = { name: entry.name, role: entry.role, firstSeen: i, group: null, groupBy: null, ref: 0 };
  });
  const lastId = Math.max(0, ...backup.voteResults.map((r) => r.voteId));
  const current = Math.min(backup.agenda.current, backup.agenda.steps.length - 1);
  return {
    ...initialState(),
    voteResults: backup.voteResults,
    agenda: { steps: backup.agenda.steps, current },
    participants,
    nextId: lastId + 1,
  };
}
