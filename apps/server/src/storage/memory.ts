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
import { isCheckpoint } from "./history-row";
import { KeyLock, updateUnderLock } from "./locks";

interface MemoryDoc {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  log: { seq: number; update: Uint8Array }[];
}

/**
 * Volatile storage for tests and for the benchmark's "durability off" baseline.
 * Never the default: nothing survives a restart.
 */
export class MemoryStorage implements Storage {
  readonly kind = "memory" as const;
  private readonly boards = new Map<string, BoardRecord>();
  private readonly docs = new Map<string, MemoryDoc>();
  private readonly control = new Map<string, unknown>();
  /** boardId → snapshots, oldest first. */
  private readonly history = new Map<string, HistorySnapshot[]>();
  private readonly controlLock = new KeyLock();
  private seq = 0;
  private closed = false;

  async createBoard(board: BoardRecord): Promise<void> {
    this.assertOpen();
    if (this.boards.has(board.id)) throw new Error(`board ${board.id} already exists`);
    this.boards.set(board.id, structuredClone(board));
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    this.assertOpen();
    const board = this.boards.get(id);
    return board ? structuredClone(board) : null;
  }

  async updateBoard(id: string, patch: BoardPatch): Promise<BoardRecord | null> {
    this.assertOpen();
    const board = this.boards.get(id);
    if (!board) return null;
    if (patch.title !== undefined) board.title = patch.title;
    if (patch.tokenHashes) board.tokenHashes = { ...board.tokenHashes, ...patch.tokenHashes };
    return structuredClone(board);
  }

  async deleteBoard(id: string): Promise<boolean> {
    this.assertOpen();
    const existed = this.boards.delete(id);
    for (const docId of [...this.docs.keys()]) {
      if (docId === id || docId.startsWith(`${id}/`)) this.docs.delete(docId);
    }
    this.control.delete(id);
    this.history.delete(id);
    return existed;
  }

  async appendUpdates(batch: readonly StoredUpdate[]): Promise<void> {
    this.assertOpen();
    // Copy the whole batch before touching the log, so a bad entry leaves nothing behind.
    const copies = batch.map(({ docId, update }) => ({ docId, update: update.slice() }));
    for (const { docId, update } of copies) {
      this.doc(docId).log.push({ seq: ++this.seq, update });
    }
  }

  async loadDocument(docId: string): Promise<StoredDocument> {
    this.assertOpen();
    const doc = this.doc(docId);
    const last = doc.log.at(-1);
    return {
      snapshot: doc.snapshot?.slice() ?? null,
      updates: doc.log.map((entry) => entry.update.slice()),
      lastSeq: last ? last.seq : doc.snapshotSeq,
    };
  }

  async compact(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.assertOpen();
    const doc = this.doc(docId);
    if (throughSeq < doc.snapshotSeq) return; // an older compaction lost the race
    doc.snapshot = snapshot.slice();
    doc.snapshotSeq = throughSeq;
    doc.log = doc.log.filter((entry) => entry.seq > throughSeq);
  }

  async getControlState(boardId: string): Promise<unknown> {
    this.assertOpen();
    const state = this.control.get(boardId);
    return state === undefined ? null : structuredClone(state);
  }

  private writeControlState(boardId: string, state: unknown): void {
    this.assertOpen();
    this.control.set(boardId, structuredClone(state));
  }

  updateControlState<T>(boardId: string, change: (current: unknown) => Promise<ControlChange<T>>): Promise<T> {
    return updateUnderLock(this.controlLock, boardId, { read: (id) => this.getControlState(id), write: (id, state) => this.writeControlState(id, state) }, change);
  }

  async putHistory(meta: Omit<HistoryMeta, "byteSize">, data: Uint8Array): Promise<HistoryMeta> {
    this.assertOpen();
    const entries = this.history.get(meta.boardId) ?? [];
    if (entries.some((entry) => entry.meta.id === meta.id)) throw new Error(`history entry ${meta.id} already exists`);
    const stored: HistoryMeta = { ...structuredClone(meta), byteSize: data.byteLength };
    entries.push({ meta: stored, data: data.slice() });
    this.history.set(meta.boardId, entries);
    return structuredClone(stored);
  }

  async listHistory(boardId: string): Promise<HistoryMeta[]> {
    this.assertOpen();
    return (this.history.get(boardId) ?? []).map((entry) => structuredClone(entry.meta)).reverse();
  }

  async getHistory(boardId: string, id: string): Promise<HistorySnapshot | null> {
    this.assertOpen();
    const entry = (this.history.get(boardId) ?? []).find((candidate) => candidate.meta.id === id);
    return entry ? { meta: structuredClone(entry.meta), data: entry.data.slice() } : null;
  }

  async pruneHistory(boardId: string, retention: HistoryRetention): Promise<number> {
    this.assertOpen();
    const entries = this.history.get(boardId) ?? [];
    // Walk newest first, keeping the first `limit` of each class.
    const seen = { checkpoint: 0, automatic: 0 };
    const kept = [...entries].reverse().filter((entry) => {
      const kind = isCheckpoint(entry.meta) ? "checkpoint" : "automatic";
      seen[kind] += 1;
      return seen[kind] <= (kind === "checkpoint" ? retention.checkpoints : retention.automatic);
    });
    this.history.set(boardId, kept.reverse());
    return entries.length - kept.length;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private doc(docId: string): MemoryDoc {
    let doc = this.docs.get(docId);
    if (!doc) {
      doc = { snapshot: null, snapshotSeq: 0, log: [] };
      this.docs.set(docId, doc);
    }
    return doc;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("storage is closed");
  }
}
