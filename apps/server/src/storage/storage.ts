import type { HistoryTrigger, Role, TemplateKind } from "@quadrant/protocol";

/**
 * The one storage interface. Every backend (sqlite.ts, postgres.ts, memory.ts)
 * implements it in one file and passes the shared contract suite
 * (storage-contract.ts). Sync code depends on this interface only.
 *
 * Documents are addressed by `docId`: a board's main document has docId = boardId;
 * other documents of a board (e.g. a participant's private brainstorm doc) use
 * `${boardId}/${suffix}` and are deleted with the board.
 */

/** SHA-256 of each role's token, hex. Tokens themselves are never stored. */
export type TokenHashes = Record<Role, string>;

export interface BoardRecord {
  id: string;
  title: string;
  template: TemplateKind;
  createdAt: string;
  tokenHashes: TokenHashes;
}

export interface BoardPatch {
  title?: string;
  tokenHashes?: Partial<TokenHashes>;
}

export interface StoredUpdate {
  docId: string;
  update: Uint8Array;
}

export interface StoredDocument {
  /** Compacted state (Y.encodeStateAsUpdate), or null when never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in append order. */
  updates: Uint8Array[];
  /** Sequence number of the last update included (snapshot or log); 0 when empty. */
  lastSeq: number;
}

export interface ControlChange<T> {
  next: unknown;
  result: T;
}

/** A board history snapshot's metadata (docs/history.md); the content is fetched on its own. */
export interface HistoryMeta {
  id: string;
  boardId: string;
  createdAt: string;
  label: string;
  trigger: HistoryTrigger;
  /** Names of who was editing since the snapshot before. */
  editors: string[];
  elementCount: number;
  /** Size of the stored content (a Yjs update), bytes. */
  byteSize: number;
}

export interface HistorySnapshot {
  meta: HistoryMeta;
  /** The board document at that moment, as one Yjs update (Y.encodeStateAsUpdate). */
  data: Uint8Array;
}

/** How many snapshots a board keeps: the newest `automatic` ones and the newest `checkpoints` named ones. */
export interface HistoryRetention {
  automatic: number;
  checkpoints: number;
}

export interface Storage {
  readonly kind: "sqlite" | "postgres" | "memory";

  createBoard(board: BoardRecord): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  /** Returns the updated record, or null when the board does not exist. */
  updateBoard(id: string, patch: BoardPatch): Promise<BoardRecord | null>;
  /** Deletes the board, all its documents, its history and its control state. False when it did not exist. */
  deleteBoard(id: string): Promise<boolean>;

  /**
   * Appends every update of the batch durably, in one transaction: when the promise
   * resolves, all are on disk; when it rejects, none is.
   */
  appendUpdates(batch: readonly StoredUpdate[]): Promise<void>;
  loadDocument(docId: string): Promise<StoredDocument>;
  /**
   * Replaces the snapshot by `snapshot` (which must contain every update up to
   * `throughSeq`) and deletes those log entries. Updates appended concurrently
   * with a higher seq are kept. Safe to call from several instances at once.
   */
  compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;

  /** Server-held facilitation state of a board (JSON), or null. */
  getControlState(boardId: string): Promise<unknown>;
  /**
   * Read-modify-write of the control state with no other writer in between, on
   * any instance: `change` gets the stored state (null when none) and returns the
   * next one (null: leave it) and a result, which this resolves with. `change` may
   * be async (facilitation writes the board's document first) and runs under the lock.
   */
  updateControlState<T>(boardId: string, change: (current: unknown) => Promise<ControlChange<T>>): Promise<T>;

  /** Stores a history snapshot; byteSize is the data's length. Ids are unique per board. */
  putHistory(meta: Omit<HistoryMeta, "byteSize">, data: Uint8Array): Promise<HistoryMeta>;
  /** A board's history, newest first (in the order they were stored), metadata only. */
  listHistory(boardId: string): Promise<HistoryMeta[]>;
  getHistory(boardId: string, id: string): Promise<HistorySnapshot | null>;
  /**
   * Deletes all but the newest `retention.checkpoints` snapshots with trigger "checkpoint"
   * and the newest `retention.automatic` others. Returns how many it deleted.
   */
  pruneHistory(boardId: string, retention: HistoryRetention): Promise<number>;

  /** Throws when the backend is not reachable/writable (used by /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
