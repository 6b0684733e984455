import { createHash } from "node:crypto";
import pg from "pg";
import { z } from "zod";
import { boardFromRow, boardToRow, toBytes } from "./board-row";
import { Slots } from "./locks";
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

export interface PostgresOptions {
  /** Schema for every table (created when missing); default: the connection's search_path. */
  schema?: string;
  /** Pool size per instance. */
  maxConnections?: number;
  /** Errors of idle pooled connections (e.g. Postgres restarted); the pool replaces them. */
  onError?: (error: Error) => void;
}

/**
 * Advisory lock namespaces (the first key of the two-int form). Appends and
 * compactions of one document use different namespaces so a compaction never
 * waits for, or holds up, the write path.
 */
const LOCK_MIGRATION = 0x5144_0001;
const LOCK_APPEND = 0x5144_0002;
const LOCK_COMPACT = 0x5144_0003;
const LOCK_CONTROL = 0x5144_0004;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     created_at TEXT NOT NULL,
     token_hashes TEXT NOT NULL
   );
   CREATE TABLE updates (
     seq BIGSERIAL PRIMARY KEY,
     doc_id TEXT NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX updates_doc_seq ON updates (doc_id, seq);
   CREATE TABLE snapshots (
     doc_id TEXT PRIMARY KEY,
     data BYTEA NOT NULL,
     through_seq BIGINT NOT NULL
   );
   CREATE TABLE control_state (
     board_id TEXT PRIMARY KEY,
     json JSONB NOT NULL
   );`,
  // Board history (docs/history.md). seq orders a board's snapshots; data is one Yjs update.
  `CREATE TABLE board_history (
     seq BIGSERIAL PRIMARY KEY,
     board_id TEXT NOT NULL,
     id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     label TEXT NOT NULL,
     trigger TEXT NOT NULL,
     editors JSONB NOT NULL,
     element_count INTEGER NOT NULL,
     byte_size INTEGER NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE UNIQUE INDEX board_history_board_id ON board_history (board_id, id);
   CREATE INDEX board_history_board_seq ON board_history (board_id, seq);`,
];

/** BIGINT arrives as a string; sequence numbers stay far below 2^53. */
const Seq = z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().nonnegative());
const UpdateRow = z.object({ seq: Seq, data: z.unknown() });
const SnapshotRow = z.object({ data: z.unknown(), through_seq: Seq });
const SchemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a schema name is lower-case letters, digits and '_'");

/**
 * Shared storage for several instances. The write path's invariant: for any one
 * document, the committed log is always a prefix in seq order. Appends take a
 * per-document advisory lock before the sequence hands out numbers and keep it
 * until commit, so a row with a lower seq can never become visible after a
 * load (or a compaction) has seen a higher one. Without it, a compaction
 * through seq N could delete a row ≤ N that its snapshot never contained.
 */
export class PostgresStorage implements Storage {
  readonly kind = "postgres" as const;

  /** Control-state transactions at once: two connections stay free for document writes and loads. */
  private readonly controlSlots: Slots;

  private constructor(private readonly pool: pg.Pool) {
    this.controlSlots = new Slots(pool.options.max - 2);
  }

  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStorage> {
    const schema = options.schema === undefined ? undefined : SchemaName.parse(options.schema);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // Without a listener an idle client's error would crash the process.
    pool.on("error", (error) => options.onError?.(error));
    try {
      await migrate(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool);
  }

  async createBoard(board: BoardRecord): Promise<void> {
    const row = boardToRow(board);
    await this.pool.query(
      "INSERT INTO boards (id, title, template, created_at, token_hashes) VALUES ($1, $2, $3, $4, $5)",
      [row.id, row.title, row.template, row.created_at, row.token_hashes],
    );
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const { rows } = await this.pool.query("SELECT * FROM boards WHERE id = $1", [id]);
    return rows[0] === undefined ? null : boardFromRow(rows[0]);
  }

  async updateBoard(id: string, patch: BoardPatch): Promise<BoardRecord | null> {
    return this.transaction(async (client) => {
      const { rows } = await client.query("SELECT * FROM boards WHERE id = $1 FOR UPDATE", [id]);
      if (rows[0] === undefined) return null;
      const current = boardFromRow(rows[0]);
      const next: BoardRecord = {
        ...current,
        title: patch.title ?? current.title,
        tokenHashes: { ...current.tokenHashes, ...patch.tokenHashes },
      };
      const row = boardToRow(next);
      await client.query("UPDATE boards SET title = $2, token_hashes = $3 WHERE id = $1", [
        id,
        row.title,
        row.token_hashes,
      ]);
      return next;
    });
  }

  async deleteBoard(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      // starts_with, not LIKE: board ids may contain '_', a LIKE wildcard.
      const inBoard = "(doc_id = $1 OR starts_with(doc_id, $1 || '/'))";
      await client.query(`DELETE FROM updates WHERE ${inBoard}`, [id]);
      await client.query(`DELETE FROM snapshots WHERE ${inBoard}`, [id]);
      await client.query("DELETE FROM control_state WHERE board_id = $1", [id]);
      await client.query("DELETE FROM board_history WHERE board_id = $1", [id]);
      const deleted = await client.query("DELETE FROM boards WHERE id = $1", [id]);
      return (deleted.rowCount ?? 0) > 0;
    });
  }

  async appendUpdates(batch: readonly StoredUpdate[]): Promise<void> {
    if (batch.length === 0) return;
    const docIds = batch.map((entry) => entry.docId);
    const data = batch.map((entry) => entry.update);
    // Sorted, so two batches touching the same documents cannot deadlock.
    const locks = [...new Set(docIds.map(lockKey))].sort((a, b) => a - b);
    await this.transaction(async (client) => {
      for (const key of locks) {
        await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_APPEND, key]);
      }
      // One statement for the whole batch; ORDER BY keeps the batch's order in seq.
      await client.query(
        `INSERT INTO updates (doc_id, data)
         SELECT doc_id, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(doc_id, data, i)
         ORDER BY i`,
        [docIds, data],
      );
    });
  }

  async loadDocument(docId: string): Promise<StoredDocument> {
    // REPEATABLE READ: the snapshot and the log come from one consistent view,
    // or a compaction committing in between could hide updates from both.
    return this.transaction(async (client) => {
      const snapshot = await snapshotRow(client, docId);
      const { rows } = await client.query(
        "SELECT seq, data FROM updates WHERE doc_id = $1 ORDER BY seq",
        [docId],
      );
      const updates = rows.map((row) => UpdateRow.parse(row));
      return {
        snapshot: snapshot ? toBytes(snapshot.data) : null,
        updates: updates.map((row) => toBytes(row.data)),
        lastSeq: updates.at(-1)?.seq ?? snapshot?.through_seq ?? 0,
      };
    }, "REPEATABLE READ READ ONLY");
  }

  async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      const { rows } = await client.query("SELECT pg_try_advisory_xact_lock($1, $2) AS locked", [
        LOCK_COMPACT,
        lockKey(docId),
      ]);
      // Another instance is compacting this document right now: leave it to
      // them; the next compaction here picks up whatever theirs did not cover.
      if (z.object({ locked: z.boolean() }).parse(rows[0]).locked !== true) return;
      // Only a newer snapshot replaces the stored one, so a slow, older
      // compaction cannot roll the document back.
      await client.query(
        `INSERT INTO snapshots (doc_id, data, through_seq) VALUES ($1, $2, $3)
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, through_seq = excluded.through_seq
         WHERE snapshots.through_seq <= excluded.through_seq`,
        [docId, snapshot, throughSeq],
      );
      // Safe whichever snapshot won: both contain every update up to throughSeq,
      // and (append invariant above) every row ≤ throughSeq was committed when
      // the caller read throughSeq.
      await client.query("DELETE FROM updates WHERE doc_id = $1 AND seq <= $2", [docId, throughSeq]);
    });
  }

  async getControlState(boardId: string): Promise<unknown> {
    const { rows } = await this.pool.query("SELECT json FROM control_state WHERE board_id = $1", [
      boardId,
    ]);
    return rows[0] === undefined ? null : z.object({ json: z.unknown() }).parse(rows[0]).json;
  }

  /**
   * Under a transaction-scoped advisory lock per board: instances take turns.
   * `change` may wait for a document write, which needs a pooled connection of
   * its own: so these transactions never hold the whole pool (`controlSlots`).
   */
  updateControlState<T>(boardId: string, change: (current: unknown) => Promise<ControlChange<T>>): Promise<T> {
    return this.controlSlots.run(() => this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_CONTROL, lockKey(boardId)]);
      const { rows } = await client.query("SELECT json FROM control_state WHERE board_id = $1", [boardId]);
      const current = rows[0] === undefined ? null : z.object({ json: z.unknown() }).parse(rows[0]).json;
      const { next, result } = await change(current);
      if (next !== null) {
        await client.query(
          `INSERT INTO control_state (board_id, json) VALUES ($1, $2::jsonb)
           ON CONFLICT (board_id) DO UPDATE SET json = excluded.json`,
          [boardId, JSON.stringify(next)],
        );
      }
      return result;
    }));
  }

  async putHistory(meta: Omit<HistoryMeta, "byteSize">, data: Uint8Array): Promise<HistoryMeta> {
    await this.pool.query(
      `INSERT INTO board_history (board_id, id, created_at, label, trigger, editors, element_count, byte_size, data)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
      [meta.boardId, meta.id, meta.createdAt, meta.label, meta.trigger, JSON.stringify(meta.editors), meta.elementCount, data.byteLength, data],
    );
    return { ...meta, editors: [...meta.editors], byteSize: data.byteLength };
  }

  async listHistory(boardId: string): Promise<HistoryMeta[]> {
    const { rows } = await this.pool.query(
      `SELECT ${HISTORY_META_COLUMNS} FROM board_history WHERE board_id = $1 ORDER BY seq DESC`,
      [boardId],
    );
    return rows.map(historyFromRow);
  }

  async getHistory(boardId: string, id: string): Promise<HistorySnapshot | null> {
    const { rows } = await this.pool.query(
      `SELECT ${HISTORY_META_COLUMNS}, data FROM board_history WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    if (rows[0] === undefined) return null;
    return { meta: historyFromRow(rows[0]), data: toBytes(z.object({ data: z.unknown() }).parse(rows[0]).data) };
  }

  async pruneHistory(boardId: string, retention: HistoryRetention): Promise<number> {
    // Per class, everything older than its newest `limit` rows goes; one statement, so two
    // instances pruning at once delete the same rows and nothing else.
    const { rowCount } = await this.pool.query(
      `DELETE FROM board_history WHERE board_id = $1 AND seq IN (
         SELECT seq FROM (
           SELECT seq, row_number() OVER (PARTITION BY trigger = 'checkpoint' ORDER BY seq DESC) AS newer,
                  trigger = 'checkpoint' AS checkpoint
           FROM board_history WHERE board_id = $1
         ) ranked
         WHERE newer > CASE WHEN checkpoint THEN $2::bigint ELSE $3::bigint END)`,
      [boardId, retention.checkpoints, retention.automatic],
    );
    return rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    mode: "READ COMMITTED" | "REPEATABLE READ READ ONLY" = "READ COMMITTED",
  ): Promise<T> {
    const { client, release } = await checkout(this.pool);
    let unusable: Error | undefined;
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${mode}`);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A client whose ROLLBACK failed may still be inside the transaction: never reuse it.
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        unusable = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      release(unusable);
    }
  }
}

async function snapshotRow(
  client: pg.PoolClient,
  docId: string,
): Promise<z.infer<typeof SnapshotRow> | null> {
  const { rows } = await client.query("SELECT data, through_seq FROM snapshots WHERE doc_id = $1", [
    docId,
  ]);
  return rows[0] === undefined ? null : SnapshotRow.parse(rows[0]);
}

/** A stable 32-bit key per document for the two-int advisory lock functions. */
function lockKey(docId: string): number {
  return createHash("sha256").update(docId).digest().readInt32BE(0);
}

async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const { client, release } = await checkout(pool);
  try {
    // Instances starting together: one migrates, the others wait and then find nothing to do.
    await client.query("SELECT pg_advisory_lock($1, 0)", [LOCK_MIGRATION]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      const { rows } = await client.query("SELECT max(version) AS version FROM schema_version");
      const current = z.object({ version: z.number().int().nullable() }).parse(rows[0]).version ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(
          `database schema version ${current} is newer than this server (${MIGRATIONS.length}): upgrade the server`,
        );
      }
      for (const [index, sql] of MIGRATIONS.slice(current).entries()) {
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query("INSERT INTO schema_version (version) VALUES ($1)", [current + index + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, 0)", [LOCK_MIGRATION]);
    }
  } finally {
    release();
  }
}

/**
 * A pooled client for a multi-statement unit of work. While a client is checked
 * out, pg-pool removes its own 'error' listener, yet pg emits 'error' on the
 * client whenever its connection drops ("Connection terminated unexpectedly"),
 * even mid-query (the query's promise rejects as well). With no listener, that
 * event would crash the process on every network blip or Postgres restart.
 * The listener keeps the error, and `release` hands it to the pool so the dead
 * connection is discarded rather than given to the next caller.
 */
async function checkout(pool: pg.Pool): Promise<{ client: pg.PoolClient; release: (error?: Error) => void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost ??= error;
  };
  client.on("error", onError);
  return {
    client,
    release(error) {
      client.removeListener("error", onError);
      client.release(lost ?? error);
    },
  };
}
