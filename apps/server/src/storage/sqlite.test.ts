import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SQLITE_FILE_NAME, SqliteStorage } from "./sqlite";
import { describeStorageContract, newBoard, putControlState, randomId, storedBytes } from "../../test-support/storage-contract";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "quadrant-sqlite-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeStorageContract("sqlite", async () => SqliteStorage.open(await tempDir()));

describe("SqliteStorage on disk", () => {
  it("creates the data directory and its file in WAL mode", async () => {
    const dir = path.join(await tempDir(), "nested", "data");
    const storage = SqliteStorage.open(dir);
    await storage.close();
    expect((await stat(path.join(dir, SQLITE_FILE_NAME))).isFile()).toBe(true);
    const db = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT max(version) AS v FROM schema_version").get()).toEqual({ v: 2 });
    db.close();
  });

  it("keeps boards, documents, snapshots and control state across a reopen", async () => {
    const dir = await tempDir();
    const board = newBoard();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));

    const first = SqliteStorage.open(dir);
    await first.createBoard(board);
    source.getText("notes").insert(0, "Quick wins first");
    await first.appendUpdates(updates.splice(0).map((update) => ({ docId: board.id, update })));
    await first.compact(board.id, Y.encodeStateAsUpdate(source), (await first.loadDocument(board.id)).lastSeq);
    source.getText("notes").insert(0, "Agreed: ");
    await first.appendUpdates(updates.splice(0).map((update) => ({ docId: board.id, update })));
    await putControlState(first, board.id, { timer: { seconds: 300 } });
    const before = await first.loadDocument(board.id);
    await first.close();

    const second = SqliteStorage.open(dir);
    expect(await second.getBoard(board.id)).toEqual(board);
    expect(await second.getControlState(board.id)).toEqual({ timer: { seconds: 300 } });
    const after = await second.loadDocument(board.id);
    expect(after).toEqual(before);
    const rebuilt = new Y.Doc();
    if (after.snapshot) Y.applyUpdate(rebuilt, after.snapshot);
    for (const update of after.updates) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getText("notes").toString()).toBe("Agreed: Quick wins first");
    // Sequence numbers keep growing across restarts (AUTOINCREMENT never reuses).
    await second.appendUpdates([{ docId: randomId(), update: Uint8Array.of(1) }]);
    await second.appendUpdates([{ docId: board.id, update: Uint8Array.of(0, 0) }]);
    expect((await second.loadDocument(board.id)).lastSeq).toBeGreaterThan(before.lastSeq + 1);
    await second.close();
  });

  it("refuses a database written by a newer server", async () => {
    const dir = await tempDir();
    await SqliteStorage.open(dir).close();
    const db = new Database(path.join(dir, SQLITE_FILE_NAME));
    db.prepare("INSERT INTO schema_version (version) VALUES (99)").run();
    db.close();
    expect(() => SqliteStorage.open(dir)).toThrow(/schema version 99/);
  });
});

describe("SqliteStorage file size", () => {
  it("stays within a small multiple of the encoded state through many edits and compactions", async () => {
    const dir = await tempDir();
    const storage = SqliteStorage.open(dir);
    const doc = new Y.Doc();
    const pending: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => pending.push(update));
    const docId = randomId();
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 500; i++) {
        doc.getMap("notes").set(`note ${i % 50}`, { text: `round ${round} idea ${i} `.repeat(4), x: i, y: round });
        await storage.appendUpdates(pending.splice(0).map((update) => ({ docId, update })));
      }
      const { lastSeq } = await storage.loadDocument(docId);
      await storage.compact(docId, Y.encodeStateAsUpdate(doc), lastSeq);
    }
    const encoded = Y.encodeStateAsUpdate(doc).byteLength;
    expect(await storedBytes(storage, docId)).toBe(encoded);
    await storage.close(); // checkpoints the WAL into the main file
    const onDisk = (await stat(path.join(dir, SQLITE_FILE_NAME))).size;
    // The state plus a few pages per table and index; without incremental_vacuum
    // the file keeps the peak log instead (about 5x here).
    expect(onDisk).toBeLessThan(3 * encoded + 32 * 1024);
  });
});
