import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import { messageSync, type WebsocketProvider } from "y-websocket";

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/** lib0's Observable keeps its listeners here; Yjs encodes a transaction only while this map has "update". */
interface ObservableInternals {
  _observers: Map<string, Set<UpdateListener>>;
}

/** What Yjs checks before it encodes a transaction for "update" listeners (writeUpdateMessageFromTransaction). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Applies an update that came from the server and hands the document's "update" listeners the
 * bytes it arrived as, instead of letting Yjs encode the transaction again for them.
 *
 * Why (issue 17, opening a board): while any "update" listener exists (y-websocket's own, which
 * ignores updates from the server; y-indexeddb's, which stores them; the panels' change signal),
 * Yjs writes every transaction out again after applying it. On a 2,000-element board's first
 * sync that is a third of the decode again, on the open's critical path, to produce bytes equal
 * to what was just received. An update applied is the same whichever encoding of it a listener
 * stores, so the received one serves: y-indexeddb keeps it, and reloading it gives the same board.
 *
 * Only the server's own transaction skips the encoding. An observer may write in reply (FileSync
 * shares an image's bytes once its element arrives): Yjs runs that transaction's cleanup inside
 * this same apply, and it is a local edit y-websocket must send. So the listeners are back, and
 * told about the server's update, before the observers of any later transaction run; and in any
 * case before this returns. One added meanwhile (by an observer) is kept. A transaction that
 * changed nothing (a reconnect's known state) reaches no listener, as with Yjs.
 */
export function applyServerUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = (doc as unknown as ObservableInternals)._observers;
  const present = observers.get("update");
  if (!present || present.size === 0) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  const listeners: Set<UpdateListener> = present;
  const detached = [...listeners];
  let server: Y.Transaction | null = null;
  let reattached = false;
  const onTransaction = (transaction: Y.Transaction) => {
    server ??= transaction;
  };
  const onObserverCalls = (transaction: Y.Transaction) => {
    if (transaction !== server) reattach();
  };
  function reattach(): void {
    if (reattached) return;
    reattached = true;
    doc.off("beforeTransaction", onTransaction);
    doc.off("beforeObserverCalls", onObserverCalls);
    for (const added of observers.get("update") ?? []) listeners.add(added);
    observers.set("update", listeners);
    // The server's transaction, in its place: before any transaction it caused.
    const applied: Y.Transaction | null = server;
    if (applied === null || !changedAnything(applied)) return;
    for (const listener of detached) listener(update, origin, doc, applied);
  }
  observers.delete("update");
  doc.on("beforeTransaction", onTransaction);
  doc.on("beforeObserverCalls", onObserverCalls);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    reattach();
  }
}

/**
 * Makes `provider` apply the server's document updates (sync step 2, and each update after it)
 * through applyServerUpdate. Everything else (the server's sync step 1, which it answers, and
 * the `synced` flag) behaves as y-websocket's own handler.
 */
export function applyServerUpdatesAsReceived(provider: WebsocketProvider): void {
  const stock = provider.messageHandlers[messageSync];
  if (!stock) return;
  provider.messageHandlers[messageSync] = (encoder, decoder, target, emitSynced, messageType) => {
    const syncType = decoding.peekVarUint(decoder);
    if (syncType !== messageYjsSyncStep2 && syncType !== messageYjsUpdate) {
      stock(encoder, decoder, target, emitSynced, messageType);
      return;
    }
    encoding.writeVarUint(encoder, messageSync);
    decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    try {
      applyServerUpdate(target.doc, update, target);
    } catch (error) {
      // As y-protocols' readSyncStep2: a broken update is logged, the connection goes on.
      console.error("Caught error while handling a Yjs update", error);
    }
    if (emitSynced && syncType === messageYjsSyncStep2 && !target.synced) target.synced = true;
  };
}
