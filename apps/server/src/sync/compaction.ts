import * as Y from "yjs";
import { serverDoc } from "./server-doc";
import type { Storage } from "../storage/storage";

/**
 * Rebuilds a document's snapshot from storage alone (SS10), not from the live
 * doc, which may miss updates another instance wrote: snapshot + log applied to
 * a fresh Y.Doc and encoded. Never Y.mergeUpdates on a long log (superlinear).
 * `abandon` is asked after the read (the board may have been deleted meanwhile);
 * returns how many log entries the new snapshot folded, or null when abandoned.
 */
export async function compactFromStorage(
  storage: Storage,
  docId: string,
  abandon: () => boolean,
): Promise<{ folded: number; bytes: number } | null> {
  const stored = await storage.loadDocument(docId);
  const scratch = serverDoc();
  scratch.transact(() => {
    if (stored.snapshot) Y.applyUpdate(scratch, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(scratch, update);
  });
  const snapshot = Y.encodeStateAsUpdate(scratch);
  scratch.destroy();
  if (abandon()) return null;
  await storage.compact(docId, snapshot, stored.lastSeq);
  return { folded: stored.updates.length, bytes: snapshot.byteLength };
}
