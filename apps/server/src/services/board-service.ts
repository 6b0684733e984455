import type * as Y from "yjs";
import type { BoardCreated, BoardInfo, RotatableRole, RotatedLinks, TemplateKind } from "@quadrant/protocol";
import { hashToken, newBoardId, newBoardTokens, newToken } from "../auth/tokens";
import type { BoardRecord, Storage } from "../storage/storage";
import type { RoomRegistry } from "../sync/room-registry";
import { type BoardAccess, authorizeBoard, requirePermission } from "./board-access";
import { notFound } from "./service-error";

export interface BoardServiceDeps {
  storage: Storage;
  rooms: RoomRegistry;
  now: () => Date;
}

/**
 * Boards: their records in storage and their live rooms. The routes call this;
 * only this service and the facilitation service reach a room.
 */
export class BoardService {
  constructor(private readonly deps: BoardServiceDeps) {}

  /** The caller's access to a board, from its token (any role). */
  authorize(boardId: string, token: string | undefined): Promise<BoardAccess> {
    return authorizeBoard(this.deps.storage, boardId, token);
  }

  info(access: BoardAccess): BoardInfo {
    requirePermission(access, "board.read");
    return infoOf(access.board, access.role);
  }

  /** A new board with three fresh capability tokens (shown to the creator only, here). */
  async create(fields: { title: string; template: TemplateKind }): Promise<BoardCreated> {
    const { tokens, hashes } = newBoardTokens();
    const board: BoardRecord = {
      id: newBoardId(),
      title: fields.title,
      template: fields.template,
      createdAt: this.deps.now().toISOString(),
      tokenHashes: hashes,
    };
    await this.deps.storage.createBoard(board);
    return { id: board.id, title: board.title, template: board.template, createdAt: board.createdAt, tokens };
  }

  async rename(access: BoardAccess, title: string): Promise<BoardInfo> {
    requirePermission(access, "board.rename");
    const updated = await this.deps.storage.updateBoard(access.board.id, { title });
    if (!updated) throw notFound();
    return infoOf(updated, access.role);
  }

  /** New links for these roles; every socket opened with an old one closes (4401), on every instance. */
  async rotateLinks(access: BoardAccess, requested: readonly RotatableRole[]): Promise<RotatedLinks> {
    requirePermission(access, "board.rotate-links");
    const roles = [...new Set(requested)];
    const tokens: RotatedLinks["tokens"] = {};
    const hashes: Partial<Record<RotatableRole, string>> = {};
    for (const role of roles) {
      const token = newToken();
      tokens[role] = token;
      hashes[role] = hashToken(token);
    }
    const updated = await this.deps.storage.updateBoard(access.board.id, { tokenHashes: hashes });
    if (!updated) throw notFound();
    this.deps.rooms.revokeRoles(access.board.id, roles);
    return { tokens };
  }

  /**
   * Deletes the board. The room goes first: its sockets close with 4404, its
   * pending writes are dropped and an in-flight write finishes, so no flush
   * can write rows back after storage has deleted them.
   */
  async delete(access: BoardAccess): Promise<void> {
    requirePermission(access, "board.delete");
    await this.deps.rooms.deleteBoard(access.board.id);
    await this.deps.storage.deleteBoard(access.board.id);
  }

  /** Reads the board's document as the room holds it (loading the room if needed). */
  async readDocument<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.deps.rooms.acquire(boardId);
    return read(room.doc);
  }

  /** Changes the board's document; resolves once the change is durable (SS3), so the next reader sees it. */
  async changeDocument(boardId: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.deps.rooms.acquire(boardId);
    await room.applyServerChange(change);
  }
}

function infoOf(board: BoardRecord, role: BoardInfo["role"]): BoardInfo {
  return { id: board.id, title: board.title, template: board.template, createdAt: board.createdAt, role };
}
