import { z } from "zod";
import { Role } from "@quadrant/protocol";
import {
  AgendaStep,
  ClientId,
  CommentAnchor,
  CommentText,
  type CommentThread,
  type FacilitationState,
  LIMITS,
  ParticipantName,
  type RosterEntry,
  Target,
  initialComments,
  initialState,
} from "./state";
import { rankVotes } from "./voting";
import { roster } from "./roster";
import { groupIdsByName } from "./groups";
import {
  BackupGroups,
  BackupPrework,
  backupGroups,
  backupPrework,
  highestRoundId,
  restoredGroups,
  restoredPrework,
} from "./backup-groups-prework";

/**
 * The part of the facilitation state a JSON board backup carries (docs/api.md, "What a backup holds").
 * A backup is downloadable by every editor, so it holds only what an editor already sees or reads in
 * the brief: vote totals once revealed, the agenda, and who took part by name and role. It never
 * holds ballots, scores or ratings of individual people (secret before a reveal, and after it only
 * totals, means and spreads leave the server), private notes held back during a brainstorm,
 * participant ids, the ready check, the timer, focus or locks (live-session state, not outcomes).
 * Accepted scoring and rating outcomes are already in the document (note positions, scorecard).
 * Comment threads come with their authors' names, never their ids, mentions or read markers; a
 * message still held by a private brainstorm stays out (its author alone may see it). Groups and
 * pre-work: backup-groups-prework.ts.
 */
const BackupMessage = z.strictObject({
  id: ClientId,
  authorName: z.string().max(80),
  text: CommentText,
  at: z.number(),
  editedAt: z.number().nullable(),
});
const BackupThread = z.strictObject({
  id: ClientId,
  anchor: CommentAnchor,
  createdAt: z.number(),
  resolved: z.strictObject({ by: z.string().max(80), at: z.number() }).nullable(),
  messages: z.array(BackupMessage).min(1).max(LIMITS.messagesPerThread),
});

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
  /** Who took part, in the order they arrived (roster()): no participant ids; `group` is a group id of `groups.list`. */
  roster: z.array(z.strictObject({ name: ParticipantName, role: Role, group: ClientId.optional() })).max(500),
  /** Comment threads (issue 16); optional, so backups made before comments still import. */
  comments: z
    .strictObject({ viewersMayComment: z.boolean(), threads: z.array(BackupThread).max(LIMITS.commentThreads) })
    .optional(),
  /** Groups and their results by group (issue 18); optional, so older backups still import. */
  groups: BackupGroups.optional(),
  /** The pre-work (issue 18), null when the board has none; optional, so older backups still import. */
  prework: BackupPrework.nullable().optional(),
});
export type FacilitationBackup = z.infer<typeof FacilitationBackup>;

/** What of `state` goes into a backup (see FacilitationBackup). */
export function backupOf(state: FacilitationState): FacilitationBackup {
  const vote = state.vote;
  // A reveal already appends its result to voteResults (voting.ts); a revealed vote not there
  // (a state stored before that rule) is added once.
  const listed = vote !== null && state.voteResults.some((r) => r.voteId === vote.id);
  const revealed = vote?.status === "revealed" && !listed ? [{ voteId: vote.id, target: vote.target, ranking: rankVotes(vote) }] : [];
  return {
    voteResults: [...state.voteResults, ...revealed],
    agenda: { steps: state.agenda.steps, current: state.agenda.current },
    roster: backupRoster(state),
    comments: { viewersMayComment: state.comments.viewersMayComment, threads: backupThreads(state.comments.threads) },
    groups: backupGroups(state),
    prework: backupPrework(state),
  };
}

function backupRoster(state: FacilitationState): FacilitationBackup["roster"] {
  const groups = groupIdsByName(state);
  return roster(state).map((entry) => {
    const group = groups.get(entry.name);
    return group ? { ...entry, group } : entry;
  });
}

function backupThreads(threads: readonly CommentThread[]): z.infer<typeof BackupThread>[] {
  return threads.flatMap((t) => {
    const messages = t.messages
      .filter((m) => !m.held)
      .map((m) => ({ id: m.id, authorName: m.authorName, text: m.text, at: m.at, editedAt: m.editedAt }));
    return messages.length === 0 ? [] : [{ id: t.id, anchor: t.anchor, createdAt: t.createdAt, resolved: t.resolved, messages }];
  });
}

/** Restored messages belong to nobody on the new board: the author's name stays, editing rights do not. */
const RESTORED_AUTHOR = "restored-author";

function restoredThreads(backup: FacilitationBackup): CommentThread[] {
  return (backup.comments?.threads ?? []).map((t) => ({
    ...t,
    messages: t.messages.map((m) => ({ ...m, authorId: RESTORED_AUTHOR, mentions: [], held: false, visibleAt: m.at })),
  }));
}

/**
 * The control state of a board restored from a backup: the backup's outcomes, everything else as a
 * new board starts. Roster entries get ids of their own (`restored-N`) and arrival times in their
 * listed order, so roster() of the result lists them as the backup did. Groups get new join codes
 * from `newCode` (backup-groups-prework.ts); `unansweredPrework` counts the answers of an open
 * pre-work that a backup never carries.
 */
export function restoredState(backup: FacilitationBackup, newCode: () => string): { state: FacilitationState; unansweredPrework: number } {
  const groups = restoredGroups(backup.groups, newCode);
  const defined = new Set(groups.list.map((g) => g.id));
  const participants: Record<string, RosterEntry> = {};
  backup.roster.forEach((entry, i) => {
    const group = entry.group !== undefined && defined.has(entry.group) ? entry.group : null;
    participants[`restored-${i + 1}`] = { name: entry.name, role: entry.role, firstSeen: i, group, groupBy: group === null ? null : "facilitator", ref: 0 };
  });
  const { prework, unanswered } = restoredPrework(backup.prework);
  // Round ids must not repeat: a result by group is computed once per round id (groups.ts).
  const lastId = Math.max(0, ...backup.voteResults.map((r) => r.voteId), highestRoundId(backup.groups, backup.prework));
  const current = Math.min(backup.agenda.current, backup.agenda.steps.length - 1);
  const state: FacilitationState = {
    ...initialState(),
    voteResults: backup.voteResults,
    agenda: { steps: backup.agenda.steps, current },
    participants,
    nextId: lastId + 1,
    comments: { ...initialComments(), viewersMayComment: backup.comments?.viewersMayComment ?? true, threads: restoredThreads(backup) },
    groups,
    prework,
  };
  return { state, unansweredPrework: unanswered };
}
