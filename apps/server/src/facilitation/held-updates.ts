import * as Y from "yjs";
import { ROOT, elementsMap, type JsonObject } from "@quadrant/board-model";
import { ElementJson } from "@quadrant/facilitation";

/**
 * The server's safety net for a private brainstorm (docs/facilitation.md, "What private mode hides").
 *
 * The web client sends a person's new elements as `brainstorm.put` commands, never into the
 * document. Any path that forgets to (the quick-note field once did) would otherwise put a
 * private note on every screen. So while private mode is on, an editor's document update that
 * creates an element the board does not have yet is not applied, stored or relayed: it is held
 * here until the reveal, and the elements it creates become that person's held notes. Every
 * later update of that person is held behind it too (Yjs updates of one client build on each
 * other, so they could not be applied without it anyway).
 *
 * Held updates live in memory only. Nothing is lost by a restart: the notes themselves are in
 * the persisted control state, and the author's browser sends the rest again when it reconnects.
 */

/** Per board per participant; past it the oldest updates go (the author's browser still has them). */
const MAX_HELD_BYTES = 4 * 1024 * 1024;

/** The `elements` entries an update creates (keys the doc does not have), as their new values. */
export function createdElements(doc: Y.Doc, update: Uint8Array): ElementJson[] {
  const existing = elementsMap(doc);
  const created: ElementJson[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    // A new map key is an item with no left neighbour, whose parent is written out: the
    // root's name. Overwrites of an existing key carry an origin instead.
    if (!(struct instanceof Y.Item) || struct.origin !== null || struct.rightOrigin !== null) continue;
    // Y.decodeUpdate leaves a root type's parent as its name (a string), which Item's
    // declared type (ID | AbstractType | null) does not admit.
    const parent: unknown = struct.parent;
    if (parent !== ROOT.elements || typeof struct.parentSub !== "string") continue;
    if (existing.has(struct.parentSub) || struct.deleted) continue;
    const value: unknown = struct.content.getContent().at(-1);
    const parsed = ElementJson.safeParse(value);
    if (parsed.success && parsed.data.id === struct.parentSub && (value as JsonObject).isDeleted !== true) {
      created.push(parsed.data);
    }
  }
  return created;
}

export class HeldUpdates {
  /** board → participant → updates in arrival order. */
  private readonly boards = new Map<string, Map<string, { updates: Uint8Array[]; bytes: number }>>();

  holds(boardId: string, participant: string): boolean {
    return this.boards.get(boardId)?.has(participant) ?? false;
  }

  hold(boardId: string, participant: string, update: Uint8Array): void {
    let board = this.boards.get(boardId);
    if (!board) {
      board = new Map();
      this.boards.set(boardId, board);
    }
    const own = board.get(participant) ?? { updates: [], bytes: 0 };
    own.updates.push(update);
    own.bytes += update.byteLength;
    while (own.bytes > MAX_HELD_BYTES && own.updates.length > 1) own.bytes -= own.updates.shift()?.byteLength ?? 0;
    board.set(participant, own);
  }

  /** Everything held for the board, merged into one update (null when nothing is), and forgotten. */
  release(boardId: string): Uint8Array | null {
    const board = this.boards.get(boardId);
    this.boards.delete(boardId);
    if (!board) return null;
    const updates = [...board.values()].flatMap((own) => own.updates);
    return updates.length > 0 ? Y.mergeUpdates(updates) : null;
  }

  forget(boardId: string): void {
    this.boards.delete(boardId);
  }
}
