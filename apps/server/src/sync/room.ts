import * as Y from "yjs";
import { CloseCode, type Role, type SaveStatus } from "@quadrant/protocol";
import {
  type ClientMessage,
  decodeClientMessage,
  encodeControl,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from "./codec";
import type { Connection } from "./connection";
import { ParkedUpdates } from "./parked-updates";
import { dropPendingState, hasPendingState, unmetDependency, type UpdateDependencies } from "./update-dependencies";
import type { Fanout, FanoutMessage } from "./fanout/fanout";
import type { SyncLogger } from "./logger";
import { RoomAwareness } from "./room-awareness";
import type { RoomHooks } from "./room-hooks";
import type { StoredUpdate } from "../storage/storage";

/** Transaction origins, so the doc's update handler knows where a change came from. */
const ORIGIN_INCOMING = Symbol("incoming");
const ORIGIN_SERVER = Symbol("server");
const ORIGIN_REMOTE = Symbol("remote");
const ORIGIN_LOAD = Symbol("load");

/** The state vector of an empty document: "send me everything". */
const EMPTY_STATE_VECTOR = Uint8Array.of(0);

/** What a room needs from its registry: a flush on the next tick. */
export interface RoomScheduler {
  markDirty(room: Room): void;
  connectionsChanged(room: Room): void;
}

export type RoomState = "active" | "unloading" | "deleted" | "closed";

/**
 * One board's live state: the Y.Doc, the awareness, the connections.
 *
 * Invariant (durability, SS "every edit anyone has seen survives kill -9"):
 * the doc holds only durable state, except for `undurable` updates (applied
 * but not yet written) and the `writing` update (being written). Updates from
 * clients are validated on receipt but applied only at flush time; a joiner's
 * sync step 1 is answered only while the doc is fully durable, otherwise it is
 * deferred until the pending write completes. Broadcasts happen after the write.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: RoomAwareness;
  readonly connections = new Set<Connection>();
  state: RoomState = "active";
  /** Log entries in storage since the last snapshot: drives compaction. */
  logLength = 0;
  compacting = false;
  /** performance.now() of this room's last flush tick (leading-edge flush in quiet rooms). */
  lastTickAt = Number.NEGATIVE_INFINITY;

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
  /** Epoch ms of the first failed write of the current storage outage; null while writes succeed. */
  private unsavedSince: number | null = null;

  constructor(
    readonly boardId: string,
    private readonly scheduler: RoomScheduler,
    private readonly fanout: Fanout,
    private readonly hooks: RoomHooks,
    private readonly logger: SyncLogger,
  ) {
    this.awareness = new RoomAwareness(this.doc, () => this.scheduler.markDirty(this));
    this.doc.on("update", this.onDocUpdate);
  }

  // ---- loading -------------------------------------------------------------

  /** Applies stored state at load time (durable by definition). Returns how many parts failed. */
  loadStored(parts: readonly Uint8Array[]): number {
    let failed = 0;
    this.doc.transact(() => {
      for (const part of parts) {
        try {
          Y.applyUpdate(this.doc, part);
        } catch (error) {
          failed++;
          this.logger.error({ boardId: this.boardId, err: error }, "stored update could not be applied");
        }
      }
    }, ORIGIN_LOAD);
    return failed;
  }

  /** Resolves once the stored state is applied to `doc` (at once, except after `loadSnapshotSoon`). */
  applied: Promise<void> = Promise.resolve();

  /**
   * Serves `snapshot` (a complete encoded state, as compaction writes it) to joiners
   * right away and applies it to the doc on the next turn of the event loop, before
   * any flush tick (both use setImmediate, in order). Until then the doc is empty:
   * a step 1 answered meanwhile sends nothing the client lacks, and updates received
   * meanwhile wait for the tick like any other.
   */
  loadSnapshotSoon(snapshot: Uint8Array): void {
    this.fullStateMessage = encodeSyncStep2(snapshot);
    this.applied = new Promise((resolve) => {
      setImmediate(() => {
        // Its update event drops the cache: later joiners get a fresh encode (then cached).
        if (this.state !== "closed") this.loadStored([snapshot]);
        resolve();
      });
    });
  }

  // ---- connections -----------------------------------------------------------

  addConnection(connection: Connection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    // Sync step 2 with the whole state goes out at once, not after the client's step 1
    // arrives: a joiner is synced one round trip sooner, and the encoded state is
    // cached, so a crowd joining costs one encode. Only durable state is ever sent.
    if (this.isDurable()) this.answerStep1(connection, EMPTY_STATE_VECTOR);
    else this.deferredStep1.push({ connection, stateVector: EMPTY_STATE_VECTOR });
    const states = this.awareness.encodeAll();
    if (states) connection.send(states);
    // A joiner during a storage outage learns it at once, not at the next failure.
    if (this.unsavedSince !== null) this.sendControl(connection, this.saveStatusPayload());
    connection.attach({
      onFrame: (c, frame) => this.handleFrame(c, frame),
      onClose: (c) => this.removeConnection(c),
    });
    if (connection.closed) return;
    this.safely("onConnectionJoined", () => this.hooks.onConnectionJoined(this, connection));
    this.scheduler.connectionsChanged(this);
  }

  private removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.deferredStep1 = this.deferredStep1.filter((d) => d.connection !== connection);
    this.parked.forget(connection);
    // Null states for every client id the closing socket owned go out with the next tick.
    this.awareness.removeConnection(connection);
    this.safely("onConnectionLeft", () => this.hooks.onConnectionLeft(this, connection));
    this.scheduler.connectionsChanged(this);
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /**
   * The links of these roles were rotated: every socket opened with an old one
   * closes here and, through the fan-out, on every other instance.
   */
  revokeRoles(roles: readonly Role[]): void {
    this.closeRoles(roles);
    this.fanout.publish({ kind: "roles-revoked", docId: this.boardId, roles });
  }

  private closeRoles(roles: readonly Role[]): void {
    for (const connection of [...this.connections]) {
      if (roles.includes(connection.role)) connection.close(CloseCode.Unauthorized, "link rotated");
    }
  }

  // ---- incoming frames -------------------------------------------------------

  handleFrame(connection: Connection, frame: Uint8Array): void {
    if (this.state === "deleted" || this.state === "closed") return;
    const decoded = decodeClientMessage(frame);
    if (!decoded.ok) {
      this.logger.debug({ boardId: this.boardId, connection: connection.id, reason: decoded.reason }, "malformed frame");
      connection.close(CloseCode.MalformedMessage, "malformed message");
      return;
    }
    const message = decoded.message;
    if (!this.withinLimits(connection, message)) return;
    switch (message.type) {
      case "sync-step1":
        if (this.isDurable()) this.answerStep1(connection, message.stateVector);
        else this.deferredStep1.push({ connection, stateVector: message.stateVector });
        return;
      case "sync-step2":
      case "sync-update":
        // Viewers (and anyone the policy refuses) may answer sync step 1, but
        // their document updates are dropped: never applied, stored or broadcast.
        if (!this.hooks.canWriteDocument(connection, this)) return;
        if (this.hooks.holdUpdate(connection, this, message.update)) return;
        this.incoming.push({ connection, update: message.update, dependencies: message.dependencies });
        this.scheduler.markDirty(this);
        return;
      case "awareness": {
        const result = this.awareness.applyFromConnection(connection, message.update, message.entries);
        if (result === "malformed") connection.close(CloseCode.MalformedMessage, "malformed awareness");
        else if (result === "too-many-client-ids") connection.close(CloseCode.MalformedMessage, "too many awareness client ids");
        else if (result === "foreign-client-id") {
          this.logger.debug({ boardId: this.boardId, connection: connection.id }, "awareness for a foreign client id dropped");
        }
        return;
      }
      case "query-awareness": {
        const states = this.awareness.encodeAll();
        if (states) connection.send(states);
        return;
      }
      case "auth":
        return;
      case "control":
        this.safely("onControlFrame", () => this.hooks.onControlFrame(this, connection, message.payload));
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  /**
   * Per-connection budgets (connection-limits.ts). Sync step 1 and query-awareness
   * count too: each makes the server encode and send state (amplification).
   */
  private withinLimits(connection: Connection, message: ClientMessage): boolean {
    const limits = connection.limits;
    if (!limits) return true;
    switch (message.type) {
      case "sync-step1":
      case "sync-step2":
      case "sync-update": {
        const bytes = message.type === "sync-step1" ? message.stateVector.byteLength : message.update.byteLength;
        if (limits.update(bytes) === "ok") return true;
        connection.close(CloseCode.RateLimited, "update rate limit");
        return false;
      }
      case "awareness":
      case "query-awareness": {
        const verdict = limits.awarenessMessage(message.type === "awareness" ? message.update.byteLength : 0);
        if (verdict === "too-big") {
          connection.close(CloseCode.MessageTooBig, "awareness state too big");
          return false;
        }
        if (verdict === "rate-limited") {
          connection.rejected("awareness rate limit");
          return false;
        }
        return true;
      }
      default:
        return true;
    }
  }

  private answerStep1(connection: Connection, stateVector: Uint8Array): void {
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (empty) {
      // Joiners with an empty doc are the common case: encode once per change.
      this.fullStateMessage ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      connection.send(this.fullStateMessage);
    } else {
      connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    }
  }

  // ---- doc and awareness events ----------------------------------------------

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateMessage = null;
    if (origin === ORIGIN_INCOMING || origin === ORIGIN_SERVER) {
      this.undurable.push(update);
    } else if (origin === ORIGIN_REMOTE) {
      // Already durable on the instance that published it.
      this.broadcast(encodeSyncUpdate(update));
    }
    // What another instance (or the deferred load) brought may be what a parked update waited for.
    if ((origin === ORIGIN_REMOTE || origin === ORIGIN_LOAD) && !this.parked.isEmpty) {
      this.recheckParked = true;
      this.scheduler.markDirty(this);
    }
  };

  // ---- flush pipeline (driven by the registry) -------------------------------

  /** Sends one awareness message with every client changed since the last tick. */
  flushAwareness(): void {
    const tick = this.awareness.takeTick();
    if (!tick) return;
    this.broadcast(tick.frame);
    if (tick.publish) this.fanout.publish({ kind: "awareness", docId: this.boardId, update: tick.publish });
  }

  hasPendingWrite(): boolean {
    return this.incoming.length > 0 || this.undurable.length > 0 || this.recheckParked;
  }

  /**
   * Applies the tick's received updates in one transaction (one doc update
   * event = the merged effective update) and returns what must be written.
   */
  prepareWrite(): StoredUpdate | null {
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
    return { docId: this.boardId, update: merged };
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

  /** The write of `prepareWrite` is durable: broadcast it once to everyone, publish it. */
  commitWrite(): void {
    const merged = this.writing;
    if (merged === null) return;
    this.writing = null;
    this.logLength++;
    if (this.state === "deleted") return;
    this.broadcast(encodeSyncUpdate(merged));
    this.fanout.publish({ kind: "update", docId: this.boardId, update: merged });
    this.settleIfDurable();
  }

  /** The write failed: keep the update (it is in the doc) and retry it with the next flush. */
  abortWrite(): void {
    if (this.writing === null) return;
    this.undurable.unshift(this.writing);
    this.writing = null;
  }

  private isDurable(): boolean {
    return this.writing === null && this.undurable.length === 0;
  }

  private settleIfDurable(): void {
    if (!this.isDurable()) return;
    const deferred = this.deferredStep1;
    this.deferredStep1 = [];
    for (const { connection, stateVector } of deferred) {
      if (!connection.closed) this.answerStep1(connection, stateVector);
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

  // ---- server-side API (facilitation, fan-out) -----------------------------------

  /**
   * Changes the document from server code. The change goes through the same
   * pipeline as a client's: written durably, then broadcast. Resolves once durable.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => change(this.doc), ORIGIN_SERVER);
    if (this.isDurable()) return Promise.resolve();
    this.scheduler.markDirty(this);
    return new Promise((resolve) => this.durableWaiters.push(resolve));
  }

  /** An update another instance already stored: apply, broadcast locally, never re-publish. */
  applyRemoteUpdate(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, ORIGIN_REMOTE);
    } catch (error) {
      this.logger.warn({ boardId: this.boardId, err: error }, "remote update could not be applied");
    }
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** What a peer with state vector `sv` is missing. Only durable content is ever offered. */
  encodeDiff(stateVector: Uint8Array): Uint8Array | null {
    if (!this.isDurable()) return null;
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  handleFanout(message: FanoutMessage): void {
    if (this.state === "deleted" || this.state === "closed") return;
    switch (message.kind) {
      case "update":
        this.applyRemoteUpdate(message.update);
        return;
      case "awareness":
        if (!this.awareness.applyRemote(message.update)) {
          this.logger.warn({ boardId: this.boardId }, "remote awareness could not be applied");
        }
        return;
      case "state-vector": {
        const diff = this.encodeDiff(message.stateVector);
        // An empty diff is 2 bytes (no structs, no deletes): nothing to offer.
        if (diff !== null && diff.byteLength > 2) {
          this.fanout.publish({ kind: "update", docId: this.boardId, update: diff });
        }
        return;
      }
      case "control-changed":
        this.safely("onControlChanged", () => this.hooks.onControlChanged(this));
        return;
      case "roles-revoked":
        this.closeRoles(message.roles);
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  // ---- control channel -------------------------------------------------------

  sendControl(connection: Connection, payload: string): void {
    // Stock clients cannot decode type 100: only opted-in connections get it.
    if (connection.identity.wantsControl) connection.send(encodeControl(payload));
  }

  broadcastControl(payload: string): void {
    const frame = encodeControl(payload);
    for (const connection of this.connections) {
      if (connection.identity.wantsControl) connection.send(frame);
    }
  }

  // ---- save status (storage outages) ----------------------------------------------

  /** A write of this room failed: tell opted-in clients once per outage that their changes are not saved yet. */
  reportSaveFailing(now: number): void {
    if (this.unsavedSince !== null) return;
    this.unsavedSince = now;
    this.broadcastControl(this.saveStatusPayload());
  }

  /** A write of this room succeeded after an outage: everything it held then is durable now. */
  reportSaved(): void {
    if (this.unsavedSince === null) return;
    this.unsavedSince = null;
    this.broadcastControl(this.saveStatusPayload());
  }

  private saveStatusPayload(): string {
    const status: SaveStatus =
      this.unsavedSince === null
        ? { type: "save-status", saved: true }
        : { type: "save-status", saved: false, since: this.unsavedSince, retrying: true };
    return JSON.stringify(status);
  }

  // ---- internals ---------------------------------------------------------------

  broadcast(frame: Uint8Array): void {
    for (const connection of this.connections) connection.send(frame);
  }

  private safely(hook: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.logger.error({ boardId: this.boardId, hook, err: error }, "room hook failed");
    }
  }

  destroy(): void {
    this.state = "closed";
    this.doc.off("update", this.onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
