import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MIGRATIONS, SQLITE_FILE_NAME, SqliteStorage } from "./sqlite";
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
    expect(db.prepare("SELECT max(version) AS v FROM schema_version").get()).toEqual({ v: MIGRATIONS.length });
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
    // Sequence numbers keep growing across restarts.
    await second.appendUpdates([{ docId: randomId(), update: Uint8Array.of(1) }]);
    await second.appendUpdates([{ docId: board.id, update: Uint8Array.of(0, 0) }]);
    expect((await second.loadDocument(board.id)).lastSeq).toBeGreaterThan(before.lastSeq + 1);
    await second.close();
  });

  it("never reuses a seq a snapshot already holds, even after its rows were compacted away and a restart", async () => {
    const dir = await tempDir();
    const board = newBoard();
    const first = SqliteStorage.open(dir);
    await first.createBoard(board);
    for (const byte of [1, 2, 3]) await first.appendUpdates([{ docId: board.id, update: Uint8Array.of(byte) }]);
    const throughSeq = (await first.loadDocument(board.id)).lastSeq;
    // The newest rows of the whole table go: only the snapshot remembers their numbers.
    await first.compact(board.id, Uint8Array.of(9), throughSeq);
    await first.close();

    const second = SqliteStorage.open(dir);
    await second.appendUpdates([{ docId: board.id, update: Uint8Array.of(4) }]);
    const loaded = await second.loadDocument(board.id);
    expect(loaded.updates.map((update) => [...update])).toEqual([[4]]);
    expect(loaded.lastSeq).toBeGreaterThan(throughSeq);
    // A compaction through the new seq is newer than the old snapshot, so it is taken.
    await second.compact(board.id, Uint8Array.of(10), loaded.lastSeq);
    expect(await second.loadDocument(board.id)).toEqual({ snapshot: Uint8Array.of(10), updates: [], lastSeq: loaded.lastSeq });
    await second.close();
  });

  it("upgrades a version-2 file (seq AUTOINCREMENT) keeping every update and its number", async () => {
    const dir = await tempDir();
    const file = path.join(dir, SQLITE_FILE_NAME);
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    MIGRATIONS.slice(0, 2).forEach((sql, index) => {
      old.exec(sql);
      old.prepare("INSERT INTO schema_version (version) VALUES (?)").run(index + 1);
    });
    const insert = old.prepare("INSERT INTO updates (doc_id, data) VALUES (?, ?)");
    for (const byte of [1, 2, 3]) insert.run("board-a", Buffer.from([byte]));
    insert.run("board-b", Buffer.from([7]));
    old.close();

    const storage = SqliteStorage.open(dir);
    expect(await storage.loadDocument("board-a")).toEqual({ snapshot: null, updates: [[1], [2], [3]].map((b) => Uint8Array.from(b)), lastSeq: 3 });
    await storage.appendUpdates([{ docId: "board-a", update: Uint8Array.of(5) }]);
    expect((await storage.loadDocument("board-a")).lastSeq).toBe(5);
    await storage.close();
    const db = new Database(file, { readonly: true });
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'updates'").get() as { sql: string };
    expect(table.sql).not.toMatch(/AUTOINCREMENT/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'updates_doc_seq'").get()).toEqual({ n: 1 });
    db.close();
  });

  it("checkpoints the WAL on its own thread, so the server's commits never run one", async () => {
    const dir = await tempDir();
    const storage = SqliteStorage.open(dir, { commitsPerCheckpoint: 100 });
    // ~2 WAL pages per commit: far below the event loop's backstop of 4,000 pages, so only the thread checkpoints these.
    for (let i = 0; i < 300; i++) await storage.appendUpdates([{ docId: `board-${i % 30}`, update: Uint8Array.of(i % 256) }]);
    const deadline = Date.now() + 10_000;
    while (storage.framesCheckpointedOffThread === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storage.framesCheckpointedOffThread).toBeGreaterThan(0);
    await storage.close();
    // Closed cleanly (the thread stopped first): the last connection's close folds the WAL into the file.
    const db = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM updates").get()).toEqual({ n: 300 });
    db.close();
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
