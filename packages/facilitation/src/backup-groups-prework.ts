import { z } from "zod";
import { nextGroupAfter } from "./groups";
import {
  ClientId,
  type FacilitationState,
  GroupName,
  GroupsState,
  ParticipantName,
  type PreworkState,
  PreworkState as PreworkStateSchema,
  initialGroups,
} from "./state";

/*
 * Groups and pre-work in a JSON backup (backup.ts holds the rest). Like the rest of a backup, only
 * what an editor already reads in the brief: group names, settings and the results computed at each
 * reveal (aggregates of at least the floor), who was in which group by name; the pre-work's settings
 * and who finished by when. Never a join code (a bearer secret: a restored board's groups get new
 * ones), never a pre-work answer (secret until the reveal, and after it already in the round or the
 * document).
 */

export const BackupGroups = z.strictObject({
  /** Ids are kept: each result's columns are keyed by them. */
  list: z.array(z.strictObject({ id: ClientId, name: GroupName })).max(12),
  selfPick: GroupsState.shape.selfPick,
  floor: GroupsState.shape.floor,
  thresholds: GroupsState.shape.thresholds,
  results: GroupsState.shape.results,
});
export type BackupGroups = z.infer<typeof BackupGroups>;

const preworkSettings = PreworkStateSchema.omit({ submissions: true });
export const BackupPrework = preworkSettings.extend({
  /** Who finished, in the order they did: names and times, never answers. */
  finished: z.array(z.strictObject({ name: ParticipantName, at: z.number() })).max(500),
});
export type BackupPrework = z.infer<typeof BackupPrework>;

export function backupGroups(state: FacilitationState): BackupGroups {
  const { list, selfPick, floor, thresholds, results } = state.groups;
  return { list: list.map(({ id, name }) => ({ id, name })), selfPick, floor, thresholds, results };
}

export function backupPrework(state: FacilitationState): BackupPrework | null {
  const prework = state.prework;
  if (!prework) return null;
  const { submissions, ...settings } = prework;
  const finished = Object.values(submissions)
    .sort((a, b) => a.at - b.at)
    .map(({ name, at }) => ({ name, at }));
  return { ...settings, finished };
}

/**
 * The restored board's groups: the backup's, each with a new join code (`newCode`), and nothing
 * frozen (no round is open on a new board).
 */
export function restoredGroups(backup: BackupGroups | undefined, newCode: () => string): FacilitationState["groups"] {
  if (!backup) return initialGroups();
  return {
    ...initialGroups(),
    list: backup.list.map((g) => ({ ...g, code: newCode() })),
    selfPick: backup.selfPick,
    floor: backup.floor,
    thresholds: backup.thresholds,
    results: backup.results,
    nextGroup: nextGroupAfter(backup.list),
  };
}

/**
 * The restored pre-work. A revealed one comes back as it was, answers already moved into its round
 * or the document. An open one comes back open, with its settings and deadline but none of the
 * answers (secret until the reveal, never in a backup): `unanswered` says how many people must
 * answer again, for the importer to be told.
 */
export function restoredPrework(backup: BackupPrework | null | undefined): { prework: PreworkState | null; unanswered: number } {
  if (!backup) return { prework: null, unanswered: 0 };
  const { finished, ...settings } = backup;
  if (settings.status === "open") return { prework: { ...settings, submissions: {} }, unanswered: finished.length };
  const submissions = Object.fromEntries(finished.map((f, i) => [`restored-prework-${i + 1}`, { ...f, answer: null }]));
  return { prework: { ...settings, submissions }, unanswered: 0 };
}

/** The highest round id the restored groups and pre-work refer to: the new board's next round must come after it. */
export function highestRoundId(groups: BackupGroups | undefined, prework: BackupPrework | null | undefined): number {
  return Math.max(0, ...(groups?.results ?? []).map((r) => r.roundId), prework?.id ?? 0);
}
