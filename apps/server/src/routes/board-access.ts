import type { FastifyRequest } from "fastify";
import { BOARD_ID_PATTERN, type Role } from "@quadrant/protocol";
import { roleForToken } from "../auth/tokens";
import type { BoardRecord, Storage } from "../storage/storage";
import { notFound, unauthorized } from "./http-error";

export type BoardAccess = { board: BoardRecord; role: Role };

/** The token of a request: `Authorization: Bearer …` first, else `?token=`. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const query = request.query;
  if (query && typeof query === "object" && "token" in query) {
    const token: unknown = query.token;
    if (typeof token === "string") return token;
  }
  return undefined;
}

/** Unknown board → 404; missing or foreign token → 401. */
export async function authorizeBoard(
  storage: Storage,
  boardId: string,
  token: string | undefined,
): Promise<BoardAccess> {
  if (!BOARD_ID_PATTERN.test(boardId)) throw notFound();
  const board = await storage.getBoard(boardId);
  if (!board) throw notFound();
  const role = roleForToken(board.tokenHashes, token);
  if (!role) throw unauthorized();
  return { board, role };
}
