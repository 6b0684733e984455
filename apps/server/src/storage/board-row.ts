import { Role, TemplateKind } from "@quadrant/protocol";
import { z } from "zod";
import type { BoardRecord, TokenHashes } from "./storage";

/**
 * A board as the SQL backends store it: token hashes as one JSON column, so a
 * new role is a data change, not a migration. Rows are checked on the way out
 * of the database like any other input.
 */
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const TokenHashesJson = z.record(Role, Sha256Hex);

export const BoardRow = z.object({
  id: z.string(),
  title: z.string(),
  template: TemplateKind,
  created_at: z.string(),
  token_hashes: z.string(),
});
export type BoardRow = z.infer<typeof BoardRow>;

export function boardFromRow(raw: unknown): BoardRecord {
  const row = BoardRow.parse(raw);
  const tokenHashes: TokenHashes = TokenHashesJson.parse(JSON.parse(row.token_hashes));
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    createdAt: row.created_at,
    tokenHashes,
  };
}

export function boardToRow(board: BoardRecord): BoardRow {
  return {
    id: board.id,
    title: board.title,
    template: board.template,
    created_at: board.createdAt,
    token_hashes: JSON.stringify(board.tokenHashes),
  };
}

/** SQL byte columns come back as Buffers; hand out plain Uint8Array views. */
export function toBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error("expected a byte column");
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
