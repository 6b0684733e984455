import { HistoryTrigger } from "@quadrant/protocol";
import { z } from "zod";
import type { HistoryMeta } from "./storage";

/**
 * A history snapshot's metadata as the SQL backends store it (table board_history): the
 * editors' names as a JSON array. Rows are checked on the way out like any other input.
 */
const Count = z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().nonnegative());

export const HistoryRow = z.object({
  id: z.string(),
  board_id: z.string(),
  created_at: z.string(),
  label: z.string(),
  trigger: HistoryTrigger,
  editors: z.union([z.string().transform((text) => JSON.parse(text) as unknown), z.array(z.unknown())]).pipe(z.array(z.string())),
  element_count: Count,
  byte_size: Count,
});

/** The columns listHistory selects (never `data`: a list must not read every snapshot's bytes). */
export const HISTORY_META_COLUMNS = "id, board_id, created_at, label, trigger, editors, element_count, byte_size";

export function historyFromRow(raw: unknown): HistoryMeta {
  const row = HistoryRow.parse(raw);
  return {
    id: row.id,
    boardId: row.board_id,
    createdAt: row.created_at,
    label: row.label,
    trigger: row.trigger,
    editors: row.editors,
    elementCount: row.element_count,
    byteSize: row.byte_size,
  };
}

/** The class a retention bound counts a snapshot in. */
export function isCheckpoint(meta: Pick<HistoryMeta, "trigger">): boolean {
  return meta.trigger === "checkpoint";
}
