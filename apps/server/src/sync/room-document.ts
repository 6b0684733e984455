import * as Y from "yjs";
import { serverDoc } from "./server-doc";
import { CloseCode } from "@quadrant/protocol";
import { EMPTY_UPDATE, encodeSyncStep2 } from "./codec";
import type { Connection } from "./connection";
import type { SyncLogger } from "./logger";
import { ParkedUpdates } from "./parked-updates";
import { dropPendingState, hasPendingState, unmetDependency, type UpdateDependencies } from "./update-dependencies";

/** Transaction origins, so the doc's update handler knows where a change came from. */
const ORIGIN_INCOMING = Symbol("incoming");
const ORIGIN_SERVER = Symbol("server");
const ORIGIN_REMOTE = Symbol("remote");
const ORIGIN_LOAD = Symbol("load");

/** The state vector of an empty document: "send me everything". */
export const EMPTY_STATE_VECTOR = Uint8Array.of(0);

/** A sync step 2 with an empty update (no structs, no deletes): "you have everything I have". */
const EMPTY_STEP2 = encodeSyncStep2(EMPTY_UPDATE);

/**
 * How long a served snapshot may wait for its joiners' send queues to drain before the room
 * applies it anyway (SS9a). Applying blocks the event loop for as long as a client takes to
 * apply the same bytes; done while a joiner's frame is still queued, it stalls that transfer.
 */
const SNAPSHOT_APPLY_MAX_WAIT_MS = 1000;
/**
 * And how long it waits per MB once sent: the joiner is applying its copy then, for about as long
 * as the room would (a browser longer). On one machine (a laptop serving its own browser, the
 * bench) the two applies at once each ran about 2× slower: a 5,000-element board's cold join
 * took the client 115 ms to apply instead of 75 (issue 17, docs/benchmarks.md).
 */
const SNAPSHOT_APPLY_GRACE_MS_PER_MB = 400;

/** When a served snapshot of `bytes` is applied at the earliest, in ms after it was served (SS9a). */
export function snapshotApplyGraceMs(bytes: number): number {
  return Math.min(SNAPSHOT_APPLY_MAX_WAIT_MS, (bytes / (1024 * 1024)) * SNAPSHOT_APPLY_GRACE_MS_PER_MB);
}

/** What the document tells its room. */
export interface RoomDocumentEvents {
  /** There is something to apply or write: flush at the next tick. */
  dirty(): void;
  /** An update another instance made durable was applied here: relay it to the local sockets. */
  remoteApplied(update: Uint8Array): void;
}

/**
 * A room's Y.Doc and its durability pipeline (SS3), with the sync step 1
 * answers that depend on it.
 *
 * Invariant ("every edit anyone has seen survives kill -9"): the doc holds only
 * durable state, except for `undurable` updates (applied but not yet written)
 * and the `writing` update (being written). Updates from clients are validated
 * on receipt but applied only at flush time; a sync step 1 is answered only
 * while the doc is fully durable, otherwise it is deferred until the pending
 * write completes. The room broadcasts a write only after it is durable.
 */
export class RoomDocument {
  /** The Y.Doc itself; `doc` applies a snapshot still pending first (SS9a). */
  private readonly ydoc = serverDoc();
  /** A served snapshot not applied yet (SS9a): anything that reads or changes the doc applies it first. */
  private pendingSnapshot: Uint8Array | null = null;
  /** Counts the doc's changes, so a joiner's own step 1 can be answered with what changed since its full state (SS1). */
  private version = 0;
  /**
   * Connections sent the full state on join (SS1), until their own sync step 1 arrives:
   * the doc's version then and its state vector (null: a snapshot not yet applied).
   * Weak: a connection that never sends step 1 leaves nothing behind.
   */
  private readonly sentFullState = new WeakMap<Connection, { version: number; stateVector: Uint8Array | null }>();

  private incoming: { connection: Connection; update: Uint8Array; dependencies: UpdateDependencies }[] = [];
  /** Client updates waiting for what they depend on (parked-updates.ts). */
  private readonly parked = new ParkedUpdates();
  /** The doc changed outside a tick (fan-out, deferred load) while updates were parked. */
  private recheckParked = false;
  private undurable: Uint8Array[] = [];
  private writing: Uint8Array | null = null;
  private deferredStep1: { connection: Connection; stateVector: Uint8Array }[] = [];
  private fullStateMessage: Uint8Array | null = null;
  private durableWaiters: (() => void)[] = [];
  private destroyed = false;
  /** True while the snapshot already served as the full state is applied: the cache stays valid. */
  private applyingServedSnapshot = false;

  constructor(
    private readonly boardId: string,
    private readonly events: RoomDocumentEvents,
    private readonly logger: SyncLogger,
  ) {
    this.ydoc.on("update", this.onDocUpdate);
  }

  /** The document, with any served snapshot applied (SS9a). */
  get doc(): Y.Doc {
    this.applyPendingSnapshot();
    return this.ydoc;
  }

  /** The doc's update events, without applying a pending snapshot; returns the unsubscribe. */
  observeUpdates(listener: (update: Uint8Array, origin: unknown) => void): () => void {
    this.ydoc.on("update", listener);
    return () => this.ydoc.off("update", listener);
  }

  /** Applies a served snapshot now if one is pending; resolves at once (what `registry.acquire` awaits). */
  get applied(): Promise<void> {
    this.applyPendingSnapshot();
    return Promise.resolve();
  }

  /**
   * The state vector a joiner's sync step 1 carries. While a served snapshot is pending it is
   * the empty one (as the doc is): the client then sends all it has, which the tick applies
   * on top of the snapshot; computing it would cost as much as applying the snapshot.
   */
  joinStateVector(): Uint8Array {
    return this.pendingSnapshot === null ? Y.encodeStateVector(this.ydoc) : EMPTY_STATE_VECTOR;
  }

  // ---- loading ---------------------------------------------------------------

  /** Applies stored state at load time (durable by definition). Returns how many parts failed. */
  loadStored(parts: readonly Uint8Array[]): number {
    let failed = 0;
    this.ydoc.transact(() => {
      for (const part of parts) {
        try {
          Y.applyUpdate(this.ydoc, part);
        } catch (error) {
          failed++;
          this.logger.error({ boardId: this.boardId, err: error }, "stored update could not be applied");
        }
      }
    }, ORIGIN_LOAD);
    return failed;
  }

  /**
   * Serves `snapshot` (a complete encoded state, as compaction writes it) to joiners
   * right away and applies it to the doc once `sending()` says the joiners' copies have
   * left the process and the joiners have had time to apply them (`snapshotApplyGraceMs`),
   * at most SNAPSHOT_APPLY_MAX_WAIT_MS later; or at once when anything needs the doc: `doc`,
   * a tick with updates to apply, a step 1 with a state vector, a server change, a fan-out
   * message (SS9a). Until then the doc is empty and untouched.
   */
  loadSnapshotSoon(snapshot: Uint8Array, sending: () => boolean): void {
    this.fullStateMessage = encodeSyncStep2(snapshot);
    this.pendingSnapshot = snapshot;
    const served = performance.now();
    const deadline = served + SNAPSHOT_APPLY_MAX_WAIT_MS;
    const graceEnd = served + snapshotApplyGraceMs(snapshot.byteLength);
    const applyWhenDue = () => {
      if (this.pendingSnapshot !== snapshot || this.destroyed) return;
      const now = performance.now();
      if (now >= deadline || (now >= graceEnd && !sending())) this.applyPendingSnapshot();
      // Polled on a timer (1 ms once the grace is over), not setImmediate: the sockets' writes need the event loop's poll phase.
      else setTimeout(applyWhenDue, Math.max(1, graceEnd - now));
    };
    setImmediate(applyWhenDue);
  }

  private applyPendingSnapshot(): void {
    const snapshot = this.pendingSnapshot;
    if (snapshot === null || this.destroyed) return;
    this.pendingSnapshot = null;
    this.applyingServedSnapshot = true;
    try {
      this.loadStored([snapshot]);
    } finally {
      this.applyingServedSnapshot = false;
    }
  }

  // ---- from clients ----------------------------------------------------------

  /** Sync step 1: answered now if the doc is durable, else once the write in flight is (SS3). */
  answerStep1(connection: Connection, stateVector: Uint8Array): void {
    if (this.isDurable()) this.sendStep2(connection, stateVector);
    else this.deferredStep1.push({ connection, stateVector });
  }

  /** A validated client update: applied at the next tick, in one transaction with the others (the caller marks the room dirty). */
  receive(connection: Connection, update: Uint8Array, dependencies: UpdateDependencies): void {
    this.incoming.push({ connection, update, dependencies });
  }

  /** The connection closed: nothing of it waits any more. */
  forget(connection: Connection): void {
    this.deferredStep1 = this.deferredStep1.filter((d) => d.connection !== connection);
    this.sentFullState.delete(connection);
    this.parked.forget(connection);
  }

  private sendStep2(connection: Connection, stateVector: Uint8Array): void {
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!empty) {
      connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
      return;
    }
    const sent = this.sentFullState.get(connection);
    if (sent) {
      // The joiner's own step 1, sent before our full state reached it: the frames are in
      // order, so it lacks only what changed since (usually nothing), not the whole board again.
      this.sentFullState.delete(connection);
      if (sent.version === this.version) connection.send(EMPTY_STEP2);
      else connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, sent.stateVector ?? EMPTY_STATE_VECTOR)));
      return;
    }
    // Joiners with an empty doc are the common case: encode once per change.
    this.fullStateMessage ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    connection.send(this.fullStateMessage);
    this.sentFullState.set(connection, {
      version: this.version,
      stateVector: this.pendingSnapshot === null ? Y.encodeStateVector(this.ydoc) : null,
    });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Applying the snapshot that was served as the full state changes nothing a client saw.
    if (!this.applyingServedSnapshot) {
      this.fullStateMessage = null;
      this.version++;
    }
    if (origin === ORIGIN_INCOMING || origin === ORIGIN_SERVER) {
      this.undurable.push(update);
    } else if (origin === ORIGIN_REMOTE) {
      // Already durable on the instance that published it.
      this.events.remoteApplied(update);
    }
    // What another instance (or the deferred load) brought may be what a parked update waited for.
    if ((origin === ORIGIN_REMOTE || origin === ORIGIN_LOAD) && !this.parked.isEmpty) {
      this.recheckParked = true;
      this.events.dirty();
    }
  };

  // ---- the write of a tick ------------------------------------------------------

  hasPendingWrite(): boolean {
    return this.incoming.length > 0 || this.undurable.length > 0 || this.recheckParked;
  }

  /**
   * Applies the tick's received updates in one transaction (one doc update
   * event = the merged effective update) and returns what must be written, or
   * null (nothing new, or a write already in flight: one at a time keeps the log in order).
   */
  takeWrite(): Uint8Array | null {
    if (this.writing !== null) return null;
    const incoming = this.incoming;
    this.incoming = [];
    if (incoming.length > 0 || this.recheckParked) {
      this.recheckParked = false;
      this.doc.transact(() => {
        for (const { connection, update, dependencies } of incoming) this.applyIncoming(connection, update, dependencies);
        this.parked.drain(this.doc, (connection, update) => this.applyMet(connection, update));
      }, ORIGIN_INCOMING);
    }
    if (this.undurable.length === 0) {
      this.settleIfDurable();
      return null;
    }
    // Small per-tick list: mergeUpdates is cheap here (never on long logs).
    const merged = this.undurable.length === 1 ? this.undurable[0]! : Y.mergeUpdates(this.undurable);
    this.undurable = [];
    this.writing = merged;
    return merged;
  }

  /**
   * Applies one client update inside the tick's transaction. Yjs never sees an
   * update whose needs the doc does not meet (update-dependencies.ts says why):
   * it is parked until they arrive, within a bound past which the sender is
   * closed with 4400 (parked-updates.ts).
   */
  private applyIncoming(connection: Connection, update: Uint8Array, dependencies: UpdateDependencies): void {
    const blocker = unmetDependency(dependencies, this.doc);
    if (blocker === null) this.applyMet(connection, update);
    else if (!this.parked.park(connection, update, dependencies, blocker)) {
      connection.close(CloseCode.MalformedMessage, "too many updates depend on unknown state");
    }
  }

  /** Whatever Yjs would still keep pending (structs that are each other's origin) is dropped, the sender closed. */
  private applyMet(connection: Connection, update: Uint8Array): void {
    const hadPending = hasPendingState(this.doc);
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      connection.close(CloseCode.MalformedMessage, "update could not be applied");
    }
    if (!hadPending && hasPendingState(this.doc)) {
      dropPendingState(this.doc);
      connection.close(CloseCode.MalformedMessage, "update depends on unknown state");
    }
  }

  /** The write of `takeWrite` is durable: returns it (for the room to broadcast), or null when none was in flight. */
  writeDurable(): Uint8Array | null {
    const merged = this.writing;
    this.writing = null;
    return merged;
  }

  /** The write failed: keep the update (it is in the doc) and retry it with the next flush. */
  writeFailed(): void {
    if (this.writing === null) return;
    this.undurable.unshift(this.writing);
    this.writing = null;
  }

  private isDurable(): boolean {
    return this.writing === null && this.undurable.length === 0;
  }

  /** Once nothing is undurable: answers the deferred step 1s, then resolves server changes waiting for durability. */
  settleIfDurable(): void {
    if (!this.isDurable()) return;
    const deferred = this.deferredStep1;
    this.deferredStep1 = [];
    for (const { connection, stateVector } of deferred) {
      if (!connection.closed) this.sendStep2(connection, stateVector);
    }
    if (this.incoming.length === 0) {
      const waiters = this.durableWaiters;
      this.durableWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Discards everything not yet written (board deleted). */
  discardPending(): void {
    this.incoming = [];
    this.parked.clear();
    this.undurable = [];
    this.deferredStep1 = [];
    const waiters = this.durableWaiters;
    this.durableWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---- from the server and other instances ----------------------------------------

  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => change(this.doc), ORIGIN_SERVER);
    if (this.isDurable()) return Promise.resolve();
    this.events.dirty();
    return new Promise((resolve) => this.durableWaiters.push(resolve));
  }

  /** An update another instance already stored: apply it (the room relays it), never re-publish. */
  applyRemoteUpdate(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, ORIGIN_REMOTE);
    } catch (error) {
      this.logger.warn({ boardId: this.boardId, err: error }, "remote update could not be applied");
    }
  }

  /** What a peer with this state vector is missing. Only durable content is ever offered (null meanwhile). */
  encodeDiff(stateVector: Uint8Array): Uint8Array | null {
    if (!this.isDurable()) return null;
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  destroy(): void {
    this.destroyed = true;
    this.pendingSnapshot = null;
    this.ydoc.off("update", this.onDocUpdate);
    this.ydoc.destroy();
  }
}
