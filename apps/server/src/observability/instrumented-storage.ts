import type { Storage, StoredUpdate } from "../storage/storage";
import type { ServerMetrics } from "./metrics";

/**
 * Wraps a Storage to time its writes, so the sync code and the backends stay
 * free of metrics. Only appendUpdates is timed: it is the write on every
 * edit's path (the edit is broadcast after it resolves).
 */
export function instrumentStorage(storage: Storage, metrics: ServerMetrics): Storage {
  return {
    get kind() {
      return storage.kind;
    },
    createBoard: (board) => storage.createBoard(board),
    getBoard: (id) => storage.getBoard(id),
    updateBoard: (id, patch) => storage.updateBoard(id, patch),
    deleteBoard: (id) => storage.deleteBoard(id),
    appendUpdates: async (batch: readonly StoredUpdate[]) => {
      const started = process.hrtime.bigint();
      try {
        await storage.appendUpdates(batch);
      } finally {
        metrics.observeStorageWrite(Number(process.hrtime.bigint() - started) / 1e9);
      }
    },
    loadDocument: (docId) => storage.loadDocument(docId),
    compact: (docId, snapshot, throughSeq) => storage.compact(docId, snapshot, throughSeq),
    getControlState: (boardId) => storage.getControlState(boardId),
    updateControlState: (boardId, change) => storage.updateControlState(boardId, change),
    putHistory: (meta, data) => storage.putHistory(meta, data),
    listHistory: (boardId) => storage.listHistory(boardId),
    getHistory: (boardId, id) => storage.getHistory(boardId, id),
    pruneHistory: (boardId, retention) => storage.pruneHistory(boardId, retention),
    ping: () => storage.ping(),
    close: () => storage.close(),
  };
}
