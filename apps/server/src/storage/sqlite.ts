import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { boardFromRow, boardToRow, toBytes } from "./board-row";
import type {
  BoardPatch,
  BoardRecord,
  Storage,
  StoredDocument,
  StoredUpdate,
  ControlChange,
  HistoryMeta,
  HistoryRetention,
  HistorySnapshot,
} from "./storage";
import { HISTORY_META_COLUMNS, historyFromRow } from "./history-row";
import { KeyLock, updateUnderLock } from "./locks";
import { WalCheckpointer } from "./wal-checkpointer";

export const SQLITE_FILE_NAME = "quadrant.sqlite";

export interface SqliteOptions {
  /**
   * "process" (default): synchronous=NORMAL. In WAL mode every commit is written
   * to the WAL file before the call returns, without an fsync: a committed
   * update survives `kill -9` of the server (the OS page cache still holds it)
   * and only an OS crash or power loss can lose the last transactions. That is
   * the guarantee the sync server promises ("an edit another participant has
   * seen survives the server being killed") at a fraction of FULL's cost.
   * "power": synchronous=FULL, an fsync per commit; survives power loss too.
   */
  durability?: "process" | "power";
  /** Told when WAL checkpoints fall back to the event loop (the checkpoint thread failed). */
  onCheckpointError?: (error: Error) => void;
  /** Commits between two of the thread's checkpoints (tests make it small). */
  commitsPerCheckpoint?: number;
}

/**
 * SQLite's own checkpoint threshold, in WAL pages: what the event loop checkpoints at when no
 * thread does it for us.
 */
const INLINE_CHECKPOINT_PAGES = 1000;
/**
 * While the checkpoint thread runs, the event loop still checkpoints past this many pages: under
 * a steady write load the WAL is never fully copied at the moment a commit starts, and only then
 * can it restart (go back to its start instead of growing), so the writer's own checkpoint is what
 * restarts it. It copies only what the thread has not, but it is still two fsyncs on the event loop
 * (~10 ms, commit-bench's max): at 10,000 pages (a 40 MB WAL) that is once per ~5,000 edits,
 * where SQLite's own 1,000 pages held the loop that long every ~400.
 */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/**
 * Each migration runs once, in order, inside one transaction together with the
 * bump of schema_version, so a crash mid-migration leaves the old version.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     created_at TEXT NOT NULL,
     token_hashes TEXT NOT NULL
   );
   CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX updates_doc_seq ON updates (doc_id, seq);
   CREATE TABLE snapshots (
     doc_id TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     through_seq INTEGER NOT NULL
   );
   CREATE TABLE control_state (
     board_id TEXT PRIMARY KEY,
     json TEXT NOT NULL
   );`,
  // Board history (docs/history.md). seq orders a board's snapshots; data is one Yjs update.
  `CREATE TABLE board_history (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     board_id TEXT NOT NULL,
     id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     label TEXT NOT NULL,
     trigger TEXT NOT NULL,
     editors TEXT NOT NULL,
     element_count INTEGER NOT NULL,
     byte_size INTEGER NOT NULL,
     data BLOB NOT NULL
   );
   CREATE UNIQUE INDEX board_history_board_id ON board_history (board_id, id);
   CREATE INDEX board_history_board_seq ON board_history (board_id, seq);`,
  // Issue 17: seq without AUTOINCREMENT. AUTOINCREMENT rewrote a row of sqlite_sequence in every
  // commit, a third of the pages each edit wrote; the server now numbers updates itself
  // (SqliteStorage.lastSeq), still never reusing a number.
  `CREATE TABLE updates_numbered (
     seq INTEGER PRIMARY KEY,
     doc_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   INSERT INTO updates_numbered (seq, doc_id, data) SELECT seq, doc_id, data FROM updates;
   DROP TABLE updates;
   ALTER TABLE updates_numbered RENAME TO updates;
   CREATE INDEX updates_doc_seq ON updates (doc_id, seq);
   DELETE FROM sqlite_sequence WHERE name = 'updates';`,
];

const SnapshotRow = z.object({ data: z.unknown(), through_seq: z.number().int() });
const UpdateRow = z.object({ seq: z.number().int(), data: z.unknown() });
const ControlRow = z.object({ json: z.string() });

/**
 * The embedded default store: one SQLite file in DATA_DIR. better-sqlite3 is
 * synchronous, so each method is one uninterrupted critical section; the async
 * signatures only satisfy the shared interface.
 */
export class SqliteStorage implements Storage {
  readonly kind = "sqlite" as const;

  private readonly controlLock = new KeyLock();
  /**
   * The write of every flush tick, compiled once: preparing the statement and wrapping a new
   * transaction function per tick cost about a third of a commit's CPU (issue 17). The
   * transaction itself is unchanged: one commit per tick, in WAL before the call returns.
   */
  private readonly appendBatch: (batch: readonly StoredUpdate[]) => void;

  /**
   * The last seq handed out. Seqs only ever grow, even past deleted rows: a snapshot's through_seq
   * says which updates it already holds, so a reused number would be taken for one of those.
   * One process owns the file, so this counter is the whole story.
   */
  private lastSeq: number;
  private readonly checkpointer: WalCheckpointer;
  /**
   * Every statement compiled once, on first use. Preparing one costs ~35 µs: on each socket's
   * authorization (getBoard) that was a third of the board lookup, 5,000 times when a
   * 1,000-board server's clients reconnect (issue 17 profile).
   */
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    options: SqliteOptions,
  ) {
    this.lastSeq = highestSeq(db);
    const insert = db.prepare("INSERT INTO updates (seq, doc_id, data) VALUES (?, ?, ?)");
    // One transaction: all rows commit together or none does.
    this.appendBatch = db.transaction((batch: readonly StoredUpdate[]) => {
      for (const { docId, update } of batch) insert.run(++this.lastSeq, docId, update);
    });
    this.checkpointer = new WalCheckpointer({
      file: db.name,
      ...(options.commitsPerCheckpoint === undefined ? {} : { commitsPerCheckpoint: options.commitsPerCheckpoint }),
      onStarted: () => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      },
      onError: (error) => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
        options.onCheckpointError?.(error);
      },
    });
  }

  static open(dataDir: string, options: SqliteOptions = {}): SqliteStorage {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    try {
      // Lets compaction hand freed pages back to the file system (incremental_vacuum
      // below), so the file tracks the boards' size rather than their peak log.
      // Only takes effect on a new, empty database.
      db.pragma("auto_vacuum = INCREMENTAL");
      db.pragma("journal_mode = WAL");
      db.pragma(`synchronous = ${options.durability === "power" ? "FULL" : "NORMAL"}`);
      // Another process (a backup, an operator's sqlite3 shell) may hold the lock briefly.
      db.pragma("busy_timeout = 5000");
      // Until the checkpoint thread is up (it starts with the first write), the event loop checkpoints.
      db.pragma(`wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStorage(db, options);
  }

  async createBoard(board: BoardRecord): Promise<void> {
    const row = boardToRow(board);
    this.statement(
      `INSERT INTO boards (id, title, template, created_at, token_hashes)
       VALUES (@id, @title, @template, @created_at, @token_hashes)`,
    ).run(row);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.statement("SELECT * FROM boards WHERE id = ?").get(id);
    return row === undefined ? null : boardFromRow(row);
  }

  async updateBoard(id: string, patch: BoardPatch): Promise<BoardRecord | null> {
    return this.db.transaction((): BoardRecord | null => {
      const row = this.statement("SELECT * FROM boards WHERE id = ?").get(id);
      if (row === undefined) return null;
      const current = boardFromRow(row);
      const next: BoardRecord = {
        ...current,
        title: patch.title ?? current.title,
        tokenHashes: { ...current.tokenHashes, ...patch.tokenHashes },
      };
      const nextRow = boardToRow(next);
      this.statement("UPDATE boards SET title = @title, token_hashes = @token_hashes WHERE id = @id").run({
        id,
        title: nextRow.title,
        token_hashes: nextRow.token_hashes,
      });
      return next;
    })();
  }

  async deleteBoard(id: string): Promise<boolean> {
    return this.db.transaction((): boolean => {
      // A range, not LIKE: board ids may contain '_', which LIKE treats as a wildcard.
      // '0' is the character after '/', so [id/, id0) is exactly "id/…".
      const docs = { id, from: `${id}/`, to: `${id}0` };
      const inBoard = "(doc_id = @id OR (doc_id >= @from AND doc_id < @to))";
      this.statement(`DELETE FROM updates WHERE ${inBoard}`).run(docs);
      this.statement(`DELETE FROM snapshots WHERE ${inBoard}`).run(docs);
      this.statement("DELETE FROM control_state WHERE board_id = ?").run(id);
      this.statement("DELETE FROM board_history WHERE board_id = ?").run(id);
      return this.statement("DELETE FROM boards WHERE id = ?").run(id).changes > 0;
    })();
  }

  async appendUpdates(batch: readonly StoredUpdate[]): Promise<void> {
    if (batch.length === 0) return;
    this.appendBatch(batch);
    this.checkpointer.committed();
  }

  async loadDocument(docId: string): Promise<StoredDocument> {
    return this.db.transaction((): StoredDocument => {
      const snapshot = this.snapshotRow(docId);
      const rows = this.statement("SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq")
        .all(docId)
        .map((row) => UpdateRow.parse(row));
      return {
        snapshot: snapshot ? toBytes(snapshot.data) : null,
        updates: rows.map((row) => toBytes(row.data)),
        lastSeq: rows.at(-1)?.seq ?? snapshot?.through_seq ?? 0,
      };
    })();
  }

  async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(() => {
      const current = this.snapshotRow(docId);
      // An older compaction that lost the race must not replace a newer snapshot.
      if (current && current.through_seq > throughSeq) return;
      this.statement(
        `INSERT INTO snapshots (doc_id, data, through_seq) VALUES (?, ?, ?)
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq`,
      ).run(docId, snapshot, throughSeq);
      this.statement("DELETE FROM updates WHERE doc_id = ? AND seq <= ?").run(docId, throughSeq);
    })();
    this.db.pragma("incremental_vacuum");
  }

  async getControlState(boardId: string): Promise<unknown> {
    const row = this.statement("SELECT json FROM control_state WHERE board_id = ?").get(boardId);
    return row === undefined ? null : (JSON.parse(ControlRow.parse(row).json) as unknown);
  }

  private writeControlState(boardId: string, state: unknown): void {
    this.statement(
      `INSERT INTO control_state (board_id, json) VALUES (?, ?)
       ON CONFLICT (board_id) DO UPDATE SET json = excluded.json`,
    ).run(boardId, JSON.stringify(state));
  }

  /** One process owns the file (several instances need Postgres), so an in-process lock is the whole story. */
  updateControlState<T>(boardId: string, change: (current: unknown) => Promise<ControlChange<T>>): Promise<T> {
    return updateUnderLock(this.controlLock, boardId, { read: (id) => this.getControlState(id), write: (id, state) => this.writeControlState(id, state) }, change);
  }

  async putHistory(meta: Omit<HistoryMeta, "byteSize">, data: Uint8Array): Promise<HistoryMeta> {
    this.statement(
      `INSERT INTO board_history (board_id, id, created_at, label, trigger, editors, element_count, byte_size, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(meta.boardId, meta.id, meta.createdAt, meta.label, meta.trigger, JSON.stringify(meta.editors), meta.elementCount, data.byteLength, data);
    return { ...meta, editors: [...meta.editors], byteSize: data.byteLength };
  }

  async listHistory(boardId: string): Promise<HistoryMeta[]> {
    return this.statement(`SELECT ${HISTORY_META_COLUMNS} FROM board_history WHERE board_id = ? ORDER BY seq DESC`)
      .all(boardId)
      .map(historyFromRow);
  }

  async getHistory(boardId: string, id: string): Promise<HistorySnapshot | null> {
    const row = this.statement(`SELECT ${HISTORY_META_COLUMNS}, data FROM board_history WHERE board_id = ? AND id = ?`).get(boardId, id);
    if (row === undefined) return null;
    return { meta: historyFromRow(row), data: toBytes(z.object({ data: z.unknown() }).parse(row).data) };
  }

  async pruneHistory(boardId: string, retention: HistoryRetention): Promise<number> {
    // Per class, everything older than its newest `limit` rows goes.
    const prune = this.statement(
      `DELETE FROM board_history WHERE board_id = @board AND (trigger = 'checkpoint') = @checkpoint AND seq NOT IN (
         SELECT seq FROM board_history WHERE board_id = @board AND (trigger = 'checkpoint') = @checkpoint ORDER BY seq DESC LIMIT @limit)`,
    );
    return this.db.transaction(
      () =>
        prune.run({ board: boardId, checkpoint: 1, limit: retention.checkpoints }).changes +
        prune.run({ board: boardId, checkpoint: 0, limit: retention.automatic }).changes,
    )();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async ping(): Promise<void> {
    // Throws "The database connection is not open" after close().
    this.statement("SELECT 1").get();
  }

  async close(): Promise<void> {
    await this.checkpointer.stop();
    if (this.db.open) this.db.close();
  }

  /** WAL frames the checkpoint thread has copied into the main file (tests read it). */
  get framesCheckpointedOffThread(): number {
    return this.checkpointer.framesCheckpointed;
  }

  private snapshotRow(docId: string): z.infer<typeof SnapshotRow> | null {
    const row = this.statement("SELECT data, through_seq FROM snapshots WHERE doc_id = ?").get(docId);
    return row === undefined ? null : SnapshotRow.parse(row);
  }
}

/** The highest seq ever stored: in a row, or already folded into a snapshot (its rows deleted). */
function highestSeq(db: Database.Database): number {
  const row = db
    .prepare(
      `SELECT max(coalesce((SELECT max(seq) FROM updates), 0),
                  coalesce((SELECT max(through_seq) FROM snapshots), 0)) AS seq`,
    )
    .get();
  return z.object({ seq: z.number().int() }).parse(row).seq;
}

function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT max(version) AS version FROM schema_version").get();
  const current = z.object({ version: z.number().int().nullable() }).parse(row).version ?? 0;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server (${MIGRATIONS.length}): upgrade the server`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(current + index + 1);
    })();
  });
}
