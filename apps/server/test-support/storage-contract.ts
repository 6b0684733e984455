import { createHash, randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BoardRecord, HistoryMeta, Storage, StoredUpdate } from "../src/storage/storage";

/**
 * The behaviours every Storage backend must show (STYLE rule 3). Each backend's
 * test file calls this once. Every test uses fresh random ids, so backends that
 * share one database between tests (Postgres) cannot see each other's rows.
 *
 * `open` is called before every test and the storage closed after it;
 * `cleanup` runs once at the end (drop a schema, remove a temp dir).
 */
/** Bytes stored for a document (snapshot + log), read through the interface. */
export async function storedBytes(storage: Storage, docId: string): Promise<number> {
  const { snapshot, updates } = await storage.loadDocument(docId);
  return (snapshot?.byteLength ?? 0) + updates.reduce((sum, update) => sum + update.byteLength, 0);
}

/** Sets a board's control state outright (the interface only has the locked read-modify-write). */
export async function putControlState(storage: Storage, boardId: string, state: unknown): Promise<void> {
  await storage.updateControlState(boardId, async () => ({ next: state, result: undefined }));
}

export function describeStorageContract(
  name: string,
  open: () => Promise<Storage>,
  cleanup?: () => Promise<void>,
): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;

    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });
    if (cleanup) afterAll(cleanup);

    it("creates, reads, renames and deletes a board", async () => {
      const board = newBoard();
      await storage.createBoard(board);
      expect(await storage.getBoard(board.id)).toEqual(board);

      const renamed = await storage.updateBoard(board.id, { title: "Q3 offsite" });
      expect(renamed).toEqual({ ...board, title: "Q3 offsite" });
      expect(await storage.getBoard(board.id)).toEqual(renamed);

      expect(await storage.deleteBoard(board.id)).toBe(true);
      expect(await storage.getBoard(board.id)).toBeNull();
      expect(await storage.deleteBoard(board.id)).toBe(false);
    });

    it("merges a partial token-hash patch and keeps the other roles", async () => {
      const board = newBoard();
      await storage.createBoard(board);
      const viewer = sha256("rotated viewer token");
      const updated = await storage.updateBoard(board.id, { tokenHashes: { viewer } });
      expect(updated?.tokenHashes).toEqual({ ...board.tokenHashes, viewer });
      expect((await storage.getBoard(board.id))?.tokenHashes.viewer).toBe(viewer);
    });

    it("returns null for unknown boards and refuses a duplicate id", async () => {
      expect(await storage.getBoard(randomId())).toBeNull();
      expect(await storage.updateBoard(randomId(), { title: "x" })).toBeNull();
      const board = newBoard();
      await storage.createBoard(board);
      await expect(storage.createBoard({ ...board, title: "other" })).rejects.toThrow();
      expect((await storage.getBoard(board.id))?.title).toBe(board.title);
    });

    it("loads an empty document for an unknown id", async () => {
      expect(await storage.loadDocument(randomId())).toEqual({
        snapshot: null,
        updates: [],
        lastSeq: 0,
      });
      expect(await storedBytes(storage, randomId())).toBe(0);
    });

    it("round-trips appended updates in order, per document", async () => {
      const a = randomId();
      const b = randomId();
      await storage.appendUpdates([
        { docId: a, update: bytes(1, 2, 3) },
        { docId: b, update: bytes(9) },
      ]);
      await storage.appendUpdates([{ docId: a, update: bytes(4) }]);
      await storage.appendUpdates([]);

      const docA = await storage.loadDocument(a);
      expect(docA.snapshot).toBeNull();
      expect(docA.updates).toEqual([bytes(1, 2, 3), bytes(4)]);
      const docB = await storage.loadDocument(b);
      expect(docB.updates).toEqual([bytes(9)]);
      expect(docA.lastSeq).toBeGreaterThan(docB.lastSeq);
      expect(await storedBytes(storage, a)).toBe(4);
    });

    it("keeps its own copy of appended bytes", async () => {
      const docId = randomId();
      const update = bytes(7, 7);
      await storage.appendUpdates([{ docId, update }]);
      update[0] = 0;
      expect((await storage.loadDocument(docId)).updates).toEqual([bytes(7, 7)]);
    });

    it("writes a batch all or nothing", async () => {
      const docId = randomId();
      const poisoned: StoredUpdate = {
        docId,
        get update(): Uint8Array {
          throw new Error("unreadable update");
        },
      };
      await expect(
        storage.appendUpdates([{ docId, update: bytes(1) }, poisoned, { docId, update: bytes(2) }]),
      ).rejects.toThrow();
      expect((await storage.loadDocument(docId)).updates).toEqual([]);

      const many = Array.from({ length: 500 }, (_, i) => ({ docId, update: bytes(i % 256) }));
      await storage.appendUpdates(many);
      expect((await storage.loadDocument(docId)).updates).toHaveLength(500);
    });

    it("compacts into a snapshot and keeps the updates appended after it", async () => {
      const docId = randomId();
      await storage.appendUpdates([
        { docId, update: bytes(1) },
        { docId, update: bytes(2) },
      ]);
      const through = (await storage.loadDocument(docId)).lastSeq;
      await storage.appendUpdates([{ docId, update: bytes(3) }]);
      const lastSeq = (await storage.loadDocument(docId)).lastSeq;

      await storage.compact(docId, bytes(1, 2), through);
      expect(await storage.loadDocument(docId)).toEqual({
        snapshot: bytes(1, 2),
        updates: [bytes(3)],
        lastSeq,
      });
      expect(await storedBytes(storage, docId)).toBe(3);

      await storage.compact(docId, bytes(1, 2, 3), lastSeq);
      expect(await storage.loadDocument(docId)).toEqual({
        snapshot: bytes(1, 2, 3),
        updates: [],
        lastSeq,
      });
    });

    it("does not let an older compaction replace a newer snapshot", async () => {
      const docId = randomId();
      await storage.appendUpdates([{ docId, update: bytes(1) }]);
      const older = (await storage.loadDocument(docId)).lastSeq;
      await storage.appendUpdates([{ docId, update: bytes(2) }]);
      const newer = (await storage.loadDocument(docId)).lastSeq;
      await storage.appendUpdates([{ docId, update: bytes(3) }]);

      await storage.compact(docId, bytes(1, 2), newer);
      await storage.compact(docId, bytes(1), older);
      const doc = await storage.loadDocument(docId);
      expect(doc.snapshot).toEqual(bytes(1, 2));
      expect(doc.updates).toEqual([bytes(3)]);
    });

    it("loses no update when compactions and appends race", async () => {
      const source = new Y.Doc();
      const docId = randomId();
      await recordEdits(storage, docId, source, 20);
      const racing: Promise<void>[] = [];
      for (let round = 0; round < 10; round++) {
        const { lastSeq } = await storage.loadDocument(docId);
        const snapshot = Y.encodeStateAsUpdate(source);
        racing.push(storage.compact(docId, snapshot, lastSeq));
        racing.push(recordEdits(storage, docId, source, 3));
      }
      await Promise.all(racing);
      expect(rebuild(await storage.loadDocument(docId)).getArray("items").toJSON()).toEqual(
        source.getArray("items").toJSON(),
      );
    });

    it("rebuilds from snapshot + log exactly the document that was written", async () => {
      const source = new Y.Doc();
      const docId = randomId();
      const other = randomId();
      const otherSource = new Y.Doc();
      await recordEdits(storage, docId, source, 30);
      await recordEdits(storage, other, otherSource, 5);
      const { lastSeq } = await storage.loadDocument(docId);
      await storage.compact(docId, Y.encodeStateAsUpdate(source), lastSeq);
      await recordEdits(storage, docId, source, 30);
      source.getMap("meta").set("title", "Strategy offsite");
      source.getArray("items").delete(0, 5);
      await storage.appendUpdates([{ docId, update: Y.encodeStateAsUpdate(source) }]);

      const stored = await storage.loadDocument(docId);
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates.length).toBeGreaterThan(0);
      const rebuilt = rebuild(stored);
      expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(source));
      expect(rebuilt.getArray("items").toJSON()).toEqual(source.getArray("items").toJSON());
      expect(rebuilt.getMap("meta").toJSON()).toEqual({ title: "Strategy offsite" });
      // Same inserts and same deletions: Yjs snapshots compare both.
      expect(Y.equalSnapshots(Y.snapshot(rebuilt), Y.snapshot(source))).toBe(true);
      expect(rebuild(await storage.loadDocument(other)).getArray("items").length).toBe(5);
    });

    it("round-trips control state and overwrites it", async () => {
      const boardId = randomId();
      expect(await storage.getControlState(boardId)).toBeNull();
      const state = { timer: { endsAt: 1_700_000_000_000, paused: false }, focus: null, votes: [3, 5] };
      await putControlState(storage, boardId, state);
      expect(await storage.getControlState(boardId)).toEqual(state);
      await putControlState(storage, boardId, { timer: null });
      expect(await storage.getControlState(boardId)).toEqual({ timer: null });
    });

    it("updates control state one writer at a time, even when the change awaits other work", async () => {
      const boardId = randomId();
      const runs = Array.from({ length: 20 }, (_, i) =>
        storage.updateControlState(boardId, async (current) => {
          const count = (current as { count?: number } | null)?.count ?? 0;
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          return { next: { count: count + 1 }, result: count };
        }),
      );
      expect((await Promise.all(runs)).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      expect(await storage.getControlState(boardId)).toEqual({ count: 20 });
      // null leaves the state as it is; a failing change writes nothing and does not block the next.
      expect(await storage.updateControlState(boardId, async () => ({ next: null, result: "kept" }))).toBe("kept");
      await expect(storage.updateControlState(boardId, async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
      expect(await storage.getControlState(boardId)).toEqual({ count: 20 });
    });

    it("deletes a board's documents, sub-documents and control state, and nothing else", async () => {
      const board = newBoard();
      const neighbour = newBoard();
      await storage.createBoard(board);
      await storage.createBoard(neighbour);
      // A board id that shares a prefix: it must survive the delete.
      const lookalike = `${board.id}x`;
      const docs = [board.id, `${board.id}/private/alice`, `${board.id}/votes`];
      const kept = [neighbour.id, `${neighbour.id}/private/bob`, lookalike];
      await storage.appendUpdates([...docs, ...kept].map((docId) => ({ docId, update: bytes(5) })));
      await storage.compact(`${board.id}/votes`, bytes(6), (await storage.loadDocument(`${board.id}/votes`)).lastSeq);
      await putControlState(storage, board.id, { focus: "swot" });
      await putControlState(storage, neighbour.id, { focus: "matrix" });

      expect(await storage.deleteBoard(board.id)).toBe(true);
      for (const docId of docs) {
        expect(await storage.loadDocument(docId)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
        expect(await storedBytes(storage, docId)).toBe(0);
      }
      for (const docId of kept) {
        expect((await storage.loadDocument(docId)).updates).toEqual([bytes(5)]);
      }
      expect(await storage.getControlState(board.id)).toBeNull();
      expect(await storage.getControlState(neighbour.id)).toEqual({ focus: "matrix" });
      expect(await storage.getBoard(neighbour.id)).toEqual(neighbour);
    });

    it("stores history snapshots per board, lists them newest first without content, and reads one back", async () => {
      const board = newBoard();
      const other = newBoard();
      await storage.createBoard(board);
      await storage.createBoard(other);
      const first = await storage.putHistory(historyMeta(board.id, "checkpoint", "before lunch", ["Ada", "Ben"]), bytes(1, 2, 3));
      expect(first).toEqual({ ...historyMeta(board.id, "checkpoint", "before lunch", ["Ada", "Ben"]), id: first.id, byteSize: 3 });
      const second = await storage.putHistory(historyMeta(board.id, "vote-reveal", "Vote 1 revealed", []), bytes(4));
      await storage.putHistory(historyMeta(other.id, "interval", "Autosave", ["Cy"]), bytes(9));

      expect(await storage.listHistory(board.id)).toEqual([second, first]);
      expect((await storage.listHistory(other.id)).map((entry) => entry.editors)).toEqual([["Cy"]]);
      expect(await storage.listHistory(randomId())).toEqual([]);
      expect(await storage.getHistory(board.id, first.id)).toEqual({ meta: first, data: bytes(1, 2, 3) });
      // An id is only found under its own board.
      expect(await storage.getHistory(other.id, first.id)).toBeNull();
      expect(await storage.getHistory(board.id, randomId())).toBeNull();
      await expect(storage.putHistory({ ...historyMeta(board.id, "interval", "dup", []), id: first.id }, bytes(1))).rejects.toThrow();
    });

    it("prunes history to the newest automatic snapshots and the newest checkpoints, separately", async () => {
      const board = newBoard();
      const stored: HistoryMeta[] = [];
      for (let i = 0; i < 7; i++) {
        const trigger = i % 2 === 0 ? "interval" : "checkpoint";
        stored.push(await storage.putHistory(historyMeta(board.id, trigger, `#${i}`, []), bytes(i)));
      }
      // Automatic: #0 #2 #4 #6; checkpoints: #1 #3 #5. Keep 2 automatic, 1 checkpoint.
      expect(await storage.pruneHistory(board.id, { automatic: 2, checkpoints: 1 })).toBe(4);
      expect((await storage.listHistory(board.id)).map((entry) => entry.label)).toEqual(["#6", "#5", "#4"]);
      expect(await storage.pruneHistory(board.id, { automatic: 2, checkpoints: 1 })).toBe(0);
      expect(await storage.getHistory(board.id, stored[0]!.id)).toBeNull();
      expect((await storage.getHistory(board.id, stored[5]!.id))?.data).toEqual(bytes(5));
    });

    it("deletes a board's history with the board, and no other board's", async () => {
      const board = newBoard();
      const neighbour = newBoard();
      await storage.createBoard(board);
      await storage.createBoard(neighbour);
      const gone = await storage.putHistory(historyMeta(board.id, "checkpoint", "start", []), bytes(1));
      const kept = await storage.putHistory(historyMeta(neighbour.id, "checkpoint", "start", []), bytes(2));
      expect(await storage.deleteBoard(board.id)).toBe(true);
      expect(await storage.listHistory(board.id)).toEqual([]);
      expect(await storage.getHistory(board.id, gone.id)).toBeNull();
      expect(await storage.listHistory(neighbour.id)).toEqual([kept]);
    });

    it("answers ping while open and throws once closed", async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
      await storage.close();
      await expect(storage.ping()).rejects.toThrow();
      await expect(storage.getBoard(randomId())).rejects.toThrow();
    });
  });
}

/** A board id in the production format: 128 random bits, base64url. */
export function randomId(): string {
  return randomBytes(16).toString("base64url");
}

export function newBoard(): BoardRecord {
  return {
    id: randomId(),
    title: "Impact / effort",
    template: "impact-effort",
    createdAt: new Date("2026-11-22T07:00:00.000Z").toISOString(),
    tokenHashes: {
      facilitator: sha256(randomId()),
      editor: sha256(randomId()),
      viewer: sha256(randomId()),
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function historyMeta(boardId: string, trigger: HistoryMeta["trigger"], label: string, editors: string[]): Omit<HistoryMeta, "byteSize"> {
  return { id: randomId(), boardId, createdAt: "2026-11-22T09:30:00.000Z", label, trigger, editors, elementCount: 12 };
}

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

/** Makes `count` edits to `doc`, storing each incremental update as the server would. */
async function recordEdits(storage: Storage, docId: string, doc: Y.Doc, count: number): Promise<void> {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array): void => {
    updates.push(update);
  };
  doc.on("update", collect);
  for (let i = 0; i < count; i++) doc.getArray<string>("items").push([`idea ${i}`]);
  doc.off("update", collect);
  await storage.appendUpdates(updates.map((update) => ({ docId, update })));
}

function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}
