import { z } from "zod";
import { BoardId } from "./ids";

/**
 * Board history (docs/history.md): the REST shapes of snapshots of a board's document. The
 * server takes them at facilitation moments, on a timer while people edit, and when the
 * facilitator names a checkpoint; the facilitator can restore one in place.
 */

/** Why a snapshot was taken. "checkpoint" is the facilitator's; every other one is automatic. */
export const HISTORY_TRIGGERS = [
  "checkpoint",
  "interval",
  "brainstorm-reveal",
  "vote-reveal",
  "scoring-reveal",
  "rating-reveal",
  "agenda-step",
  "before-restore",
] as const;
export const HistoryTrigger = z.enum(HISTORY_TRIGGERS);
export type HistoryTrigger = z.infer<typeof HistoryTrigger>;

/** Snapshot ids are server-made (random, base64url). */
export const HistoryEntryId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "a history entry id is 8-64 letters, digits, '-' or '_'");

export const CheckpointLabel = z
  .string()
  .trim()
  .min(1, "name the checkpoint (e.g. 'before lunch')")
  .max(80, "a checkpoint name is at most 80 characters");

/** One snapshot as listed: metadata only, never the content. */
export const HistoryEntry = z.object({
  id: HistoryEntryId,
  createdAt: z.string(),
  label: z.string(),
  trigger: HistoryTrigger,
  /** Names of the people connected with an editing link since the snapshot before. */
  editors: z.array(z.string()),
  byteSize: z.number().int().nonnegative(),
  elementCount: z.number().int().nonnegative(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryList = z.object({ entries: z.array(HistoryEntry) });
export type HistoryList = z.infer<typeof HistoryList>;

/** How the live board differs from a snapshot, counted by element (what a restore would undo). */
export const HistoryDiff = z.object({
  /** On the live board, not in the snapshot. */
  added: z.number().int().nonnegative(),
  /** In both, at another position. */
  moved: z.number().int().nonnegative(),
  /** In the snapshot, gone from the live board. */
  removed: z.number().int().nonnegative(),
  /** In both, changed otherwise (text, colour, size…), not only moved. */
  changed: z.number().int().nonnegative(),
});
export type HistoryDiff = z.infer<typeof HistoryDiff>;

/** A snapshot opened read-only: its visible elements and files (Excalidraw JSON) and the diff to live. */
export const HistoryDetail = z.object({
  entry: HistoryEntry,
  elements: z.array(z.record(z.string(), z.unknown())),
  files: z.record(z.string(), z.record(z.string(), z.unknown())),
  diff: HistoryDiff,
});
export type HistoryDetail = z.infer<typeof HistoryDetail>;

export const CheckpointBody = z.strictObject({ label: CheckpointLabel });
export type CheckpointBody = z.infer<typeof CheckpointBody>;

export const HistoryEntryParams = z.strictObject({
  id: BoardId,
  entryId: HistoryEntryId,
});

/** Response of a restore: the snapshot restored and the one that keeps the state it replaced. */
export const HistoryRestored = z.object({ restored: HistoryEntry, saved: HistoryEntry });
export type HistoryRestored = z.infer<typeof HistoryRestored>;
