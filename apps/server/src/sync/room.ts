import * as Y from "yjs";
import { CloseCode, type Role } from "@quadrant/protocol";
import type { Storage, StoredDocument, StoredUpdate } from "../storage/storage";
import { decodeClientMessage, encodeSyncStep1, encodeSyncUpdate, isEmptyUpdate } from "./codec";
import { compactFromStorage } from "./compaction";
import type { Connection } from "./connection";
import { broadcastControl, sendControl } from "./control-channel";
import type { Fanout, FanoutMessage } from "./fanout/fanout";
import type { SyncLogger } from "./logger";
import { RoomAwareness } from "./room-awareness";
import { EMPTY_STATE_VECTOR, RoomDocument } from "./room-document";
import type { RoomHandle } from "./room-handle";
import type { RoomHooks } from "./room-hooks";
import { SaveStatusReporter } from "./save-status";

/** Weight of the latest tick in a room's average tick cost (SS4). */
const TICK_COST_WEIGHT = 0.3;

/** The flush tick a room asks for (flush-scheduler.ts). */
export interface RoomFlush {
  /** Called for every message that changes something: must stay O(1). */
  markDirty(room: Room): void;
  /** Resolves once everything received so far is durable (or `attempts` writes failed). */
  flushAll(attempts?: number): Promise<void>;
}

/** What every room of a registry shares (one object, not one per room). */
export interface RoomContext {
  readonly flush: RoomFlush;
  readonly storage: Storage;
  readonly fanout: Fanout;
  readonly hooks: RoomHooks;
  readonly logger: SyncLogger;
  readonly compactAfterUpdates: number;
  /** A connection joined or left: the registry re-arms the idle unload. */
  connectionsChanged(room: Room): void;
}

/**
 * active → unloading → closed (dropped); unloading → active (a join revived it);
 * active/unloading → deleted → closed. Only this class changes it.
 */
export type RoomState = "active" | "unloading" | "deleted" | "closed";

/** What an unload attempt came to; the registry drops the room only on "unloaded". */
export type UnloadOutcome = "unloaded" | "revived" | "postponed";

/**
 * One board's live state and the one owner of its lifecycle: load, tick (its
 * write and its awareness), compaction, unload and delete. The registry finds,
 * creates and evicts rooms and drives the shared tick; it never sets a room's
 * fields. The document pipeline is room-document.ts, awareness room-awareness.ts.
 */
export class Room implements RoomHandle {
  readonly awareness: RoomAwareness;
  readonly connections = new Set<Connection>();
  private readonly document: RoomDocument;
  private readonly saveStatus = new SaveStatusReporter();
  private lifecycle: RoomState = "active";
  /** Log entries in storage since the last snapshot: drives compaction. */
  private logLength = 0;
  private compactionRunning = false;
  /** performance.now() of this room's last flush tick (leading-edge flush in quiet rooms). */
  private lastTick = Number.NEGATIVE_INFINITY;
  /** What sending the current tick's frames took so far (ms), and the recent average per tick (SS4). */
  private tickWork = 0;
  private tickCost = 0;
  /**
   * How long after a tick the room recently had something new again (ms, moving average, each
   * sample capped by the size interval so that an idle spell does not hide a burst): with
   * `tickCost`, whether the room is busy (SS4). +∞ until it has ticked and been marked dirty again.
   */
  private quietAfterTick = Number.POSITIVE_INFINITY;
  /** A tick started and its awareness is not sent yet (it goes with the tick's document update when that is durable in time). */
  private awarenessDue = false;

  constructor(
    readonly boardId: string,
    private readonly context: RoomContext,
  ) {
    this.document = new RoomDocument(
      boardId,
      {
        dirty: () => context.flush.markDirty(this),
        remoteApplied: (update) => this.broadcast(encodeSyncUpdate(update)),
      },
      context.logger,
    );
    this.awareness = new RoomAwareness(this.document.doc, () => context.flush.markDirty(this));
  }

  get doc(): Y.Doc {
    return this.document.doc;
  }
  get state(): RoomState {
    return this.lifecycle;
  }
  get compacting(): boolean {
    return this.compactionRunning;
  }
  get lastTickAt(): number {
    return this.lastTick;
  }
  /** Recent cost of one tick's fan-out (ms, moving average): the adaptive flush's measure of load (SS4). */
  get tickCostMs(): number {
    return this.tickCost;
  }
  /** How long after a tick the room recently had something new (ms, moving average; +∞ at first) (SS4). */
  get quietAfterTickMs(): number {
    return this.quietAfterTick;
  }
  /** Resolves once the stored state is applied to `doc` (SS9a). */
  get applied(): Promise<void> {
    return this.document.applied;
  }

  // ---- load ------------------------------------------------------------------

  /** Takes the board's stored state (durable by definition). */
  load(stored: StoredDocument): void {
    if (stored.snapshot && stored.updates.length === 0) {
      // A lone snapshot (what unloading leaves) is the encoded state itself: the
      // joiners who triggered the load get it at once, and the room applies it once
      // their copies have left (cold join ≈ warm join instead of server apply + client apply) (SS9a).
      this.document.loadSnapshotSoon(stored.snapshot, () => this.sending());
    } else {
      this.document.loadStored(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
    }
    this.logLength = stored.updates.length;
  }

  // ---- connections -----------------------------------------------------------

  /** False once the room is being deleted or dropped: a joiner must not enter it. */
  get acceptsJoins(): boolean {
    return this.lifecycle === "active";
  }

  /** A join (or a server-side acquire) cancels a pending unload: the unload re-checks the state after its awaits. */
  revive(): void {
    if (this.lifecycle === "unloading") this.lifecycle = "active";
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.document.joinStateVector()));
    // Sync step 2 with the whole state goes out at once, not after the client's step 1
    // arrives: a joiner is synced one round trip sooner, and the encoded state is
    // cached, so a crowd joining costs one encode. Only durable state is ever sent (SS1, SS3).
    this.document.answerStep1(connection, EMPTY_STATE_VECTOR);
    for (const states of this.awareness.encodeFor(connection, this.connections.size, Date.now())) connection.send(states);
    // A joiner during a storage outage learns it at once, not at the next failure (SS9).
    const saveStatus = this.saveStatus.forJoiner();
    if (saveStatus !== null) sendControl(connection, saveStatus);
    connection.attach({
      onFrame: (c, frame) => this.handleFrame(c, frame),
      onClose: (c) => this.removeConnection(c),
    });
    if (connection.closed) return;
    this.safely("onConnectionJoined", () => this.context.hooks.onConnectionJoined(this, connection));
    this.context.connectionsChanged(this);
  }

  /** Some connection still has frames queued in this process (the deferred snapshot apply waits for none, SS9a). */
  private sending(): boolean {
    for (const connection of this.connections) if (connection.sendQueueBytes > 0) return true;
    return false;
  }

  private removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.document.forget(connection);
    // Null states for every client id the closing socket owned go out with the next tick (SS6).
    this.awareness.removeConnection(connection);
    this.safely("onConnectionLeft", () => this.context.hooks.onConnectionLeft(this, connection));
    this.context.connectionsChanged(this);
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  /** Liveness round (SS8): a socket that did not answer the previous ping is terminated. */
  checkAlive(): void {
    for (const connection of [...this.connections]) connection.checkAlive();
  }

  /**
   * The links of these roles were rotated: every socket opened with an old one
   * closes here and, through the fan-out, on every other instance (SS14).
   */
  revokeRoles(roles: readonly Role[]): void {
    this.closeRoles(roles);
    this.context.fanout.publish({ kind: "roles-revoked", docId: this.boardId, roles });
  }

  private closeRoles(roles: readonly Role[]): void {
    for (const connection of [...this.connections]) {
      if (roles.includes(connection.role)) connection.close(CloseCode.Unauthorized, "link rotated");
    }
  }

  // ---- incoming frames -------------------------------------------------------

  handleFrame(connection: Connection, frame: Uint8Array): void {
    if (this.lifecycle === "deleted" || this.lifecycle === "closed") return;
    const decoded = decodeClientMessage(frame);
    if (!decoded.ok) {
      this.context.logger.debug({ boardId: this.boardId, connection: connection.id, reason: decoded.reason }, "malformed frame");
      connection.close(CloseCode.MalformedMessage, "malformed message");
      return;
    }
    const message = decoded.message;
    if (!connection.admit(message)) return;
    switch (message.type) {
      case "sync-step1":
        this.document.answerStep1(connection, message.stateVector);
        return;
      case "sync-step2":
      case "sync-update":
        // A fresh joiner's answer to our sync step 1 holds nothing (no structs, no deletes): not an
        // edit, nothing to apply or write. Received, it made a tick that applied a served snapshot
        // at once (SS9a), while the joiner was applying its own copy.
        if (isEmptyUpdate(message.update)) return;
        // Viewers (and anyone the policy refuses) may answer sync step 1, but
        // their document updates are dropped: never applied, stored or broadcast (SS5).
        if (!this.context.hooks.canWriteDocument(connection, this)) return;
        if (this.context.hooks.holdUpdate(connection, this, message.update)) return;
        this.document.receive(connection, message.update, message.dependencies);
        // Editors' cursors go to everyone in a big room (SS16).
        this.awareness.noteEdit(connection, this.connections.size, Date.now());
        this.context.flush.markDirty(this);
        return;
      case "awareness": {
        const result = this.awareness.applyFromConnection(connection, message.update, message.entries);
        if (result === "too-many-client-ids") connection.close(CloseCode.MalformedMessage, "too many awareness client ids");
        else if (result === "foreign-client-id") {
          this.context.logger.debug({ boardId: this.boardId, connection: connection.id }, "awareness for a foreign client id dropped");
        }
        return;
      }
      case "query-awareness": {
        for (const states of this.awareness.encodeFor(connection, this.connections.size, Date.now())) connection.send(states);
        return;
      }
      case "auth":
        return;
      case "control":
        this.safely("onControlFrame", () => this.context.hooks.onControlFrame(this, connection, message.payload));
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  }

  // ---- the flush tick (driven by flush-scheduler.ts) ---------------------------------

  /** The room has something to flush again (a clean room was marked dirty): how long after its last tick (SS4). */
  noteDirty(now: number, capMs: number): void {
    if (this.lastTick === Number.NEGATIVE_INFINITY) return;
    const quiet = Math.min(now - this.lastTick, capMs);
    this.quietAfterTick =
      this.quietAfterTick === Number.POSITIVE_INFINITY ? quiet : this.quietAfterTick * (1 - TICK_COST_WEIGHT) + quiet * TICK_COST_WEIGHT;
  }

  ticked(now: number): void {
    this.lastTick = now;
    // The previous tick's fan-out is complete: fold it into the average (recent ticks weigh most).
    this.tickCost = this.tickCost * (1 - TICK_COST_WEIGHT) + this.tickWork * TICK_COST_WEIGHT;
    this.tickWork = 0;
    this.awarenessDue = true;
  }

  /** Awareness is sent by live rooms only: a deleted or dropped room's sockets are closed. */
  get live(): boolean {
    return this.lifecycle === "active" || this.lifecycle === "unloading";
  }

  /**
   * Sends every client changed since the last tick: one message each, to whoever sees it (SS4, SS16),
   * unless the tick's document update already took them along (`writeSucceeded`).
   */
  flushAwareness(): void {
    if (this.awarenessDue) this.sendTick(null);
  }

  /**
   * One tick's frames: the durable document update (if any) to everyone, then the awareness
   * changes to whoever sees them, both in one socket write per connection. At N = 2,000 the
   * profile was about 45 % `writev`, one per frame per connection: a write per connection per
   * tick instead of two halves that. Each frame still carries one y-protocol message (SS1).
   */
  private sendTick(documentFrame: Uint8Array | null): void {
    this.awarenessDue = false;
    const tick = this.awareness.takeTick(this.connections, Date.now());
    const started = performance.now();
    if (tick === null) {
      if (documentFrame !== null) this.broadcast(documentFrame);
    } else {
      for (const { frames, recipients } of tick.deliveries) {
        const all = documentFrame === null ? frames : [documentFrame, ...frames];
        if (all.length === 0) continue;
        for (const connection of recipients ?? this.connections) connection.sendFrames(all);
      }
    }
    this.tickWork += performance.now() - started;
    if (tick?.publish) this.context.fanout.publish({ kind: "awareness", docId: this.boardId, update: tick.publish });
  }

  hasPendingWrite(): boolean {
    return this.document.hasPendingWrite();
  }

  /** Applies the tick's updates; what this room adds to the tick's one storage transaction (SS3), or null. */
  takeWrite(): StoredUpdate | null {
    const update = this.document.takeWrite();
    return update === null ? null : { docId: this.boardId, update };
  }

  /** The tick's write is durable: broadcast it once to everyone, publish it (SS3, SS11). */
  writeSucceeded(): void {
    const merged = this.document.writeDurable();
    if (merged !== null) {
      this.logLength++;
      if (this.lifecycle !== "deleted") {
        // Durable within the tick's turn (SQLite): the tick's awareness goes in the same writes.
        // A slower store finishes after the awareness went out on its own (flushAwareness).
        if (this.awarenessDue && this.live) this.sendTick(encodeSyncUpdate(merged));
        else this.broadcastTimed(encodeSyncUpdate(merged));
        this.context.fanout.publish({ kind: "update", docId: this.boardId, update: merged });
        this.document.settleIfDurable();
      }
    }
    const status = this.saveStatus.recovered();
    if (status !== null) this.broadcastControl(status);
    this.compactIfDue();
  }

  /** The write failed: the update stays in the doc for the retry; opted-in clients hear it once per outage (SS9). */
  writeFailed(failedAt: number): void {
    this.document.writeFailed();
    const status = this.saveStatus.failed(failedAt);
    if (status !== null) this.broadcastControl(status);
  }

  // ---- compaction (SS10) --------------------------------------------------------------

  compactIfDue(): void {
    if (this.compactionRunning || this.logLength < this.context.compactAfterUpdates) return;
    void this.runCompaction();
  }

  private async runCompaction(): Promise<void> {
    this.compactionRunning = true;
    try {
      await this.compact();
    } finally {
      this.compactionRunning = false;
    }
  }

  private async compact(): Promise<void> {
    const { storage, logger } = this.context;
    try {
      const done = await compactFromStorage(storage, this.boardId, () => this.lifecycle === "deleted");
      if (done === null) return;
      this.logLength = Math.max(0, this.logLength - done.folded);
      logger.debug({ boardId: this.boardId, bytes: done.bytes, updates: done.folded }, "compacted");
    } catch (error) {
      logger.warn({ boardId: this.boardId, err: error }, "compaction failed; will retry later");
    }
  }

  // ---- unload and delete (SS9) ------------------------------------------------------

  /** Nobody is connected and nothing is going on: the registry may start an unload. */
  get idle(): boolean {
    return this.connections.size === 0 && this.lifecycle === "active";
  }

  /**
   * Flushes, then leaves one snapshot behind, for a room nobody is connected to.
   * Every await may let a join in (it revives the room) or a write fail, so the
   * state is re-checked after each; only "unloaded" lets the registry drop it.
   */
  async unload(): Promise<UnloadOutcome> {
    if (!this.idle) return "revived";
    this.lifecycle = "unloading";
    try {
      await this.context.flush.flushAll(1);
    } catch (error) {
      this.context.logger.warn({ boardId: this.boardId, err: error }, "unload postponed: flush failed");
    }
    if (this.lifecycle !== "unloading") return "revived";
    if (this.connections.size > 0 || this.hasPendingWrite() || this.compactionRunning) {
      this.lifecycle = "active";
      return "postponed";
    }
    // Leave a single snapshot behind: the next cold join loads and sends it without
    // replaying a log (benchmarks: a snapshot applies about twice as fast) (SS9a).
    if (this.logLength > 0) {
      await this.runCompaction();
      if (this.lifecycle !== "unloading" || this.connections.size > 0 || this.hasPendingWrite()) {
        if (this.lifecycle === "unloading") this.lifecycle = "active";
        return "postponed";
      }
    }
    return "unloaded";
  }

  /** The board is being deleted: forget what is not written and close its sockets with BoardDeleted. */
  delete(): void {
    this.lifecycle = "deleted";
    this.document.discardPending();
    this.closeAll(CloseCode.BoardDeleted, "board deleted");
  }

  /** The registry dropped the room: tell the hooks, then free the doc and awareness. */
  destroy(): void {
    this.safely("onRoomUnloading", () => this.context.hooks.onRoomUnloading(this));
    this.lifecycle = "closed";
    this.awareness.destroy();
    this.document.destroy();
  }

  // ---- RoomHandle and fan-out ----------------------------------------------------------

  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    return this.document.applyServerChange(change);
  }

  sendControl(connection: Connection, payload: string): void {
    sendControl(connection, payload);
  }

  broadcastControl(payload: string): void {
    broadcastControl(this.connections, payload);
  }

  /** Listens to the doc's update events without applying a pending snapshot (SS9a); returns the unsubscribe. */
  observeUpdates(listener: (update: Uint8Array, origin: unknown) => void): () => void {
    return this.document.observeUpdates(listener);
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** A message from another instance (SS11): applied and relayed locally, never re-published. */
  handleFanout(message: FanoutMessage): void {
    if (this.lifecycle === "deleted" || this.lifecycle === "closed") return;
    switch (message.kind) {
      case "update":
        this.document.applyRemoteUpdate(message.update);
        return;
      case "awareness":
        if (!this.awareness.applyRemote(message.update)) {
          this.context.logger.warn({ boardId: this.boardId }, "remote awareness could not be applied");
        }
        return;
      case "state-vector": {
        const diff = this.document.encodeDiff(message.stateVector);
        // An empty diff is 2 bytes (no structs, no deletes): nothing to offer.
        if (diff !== null && diff.byteLength > 2) {
          this.context.fanout.publish({ kind: "update", docId: this.boardId, update: diff });
        }
        return;
      }
      case "control-changed":
        this.safely("onControlChanged", () => this.context.hooks.onControlChanged(this));
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

  private broadcast(frame: Uint8Array): void {
    for (const connection of this.connections) connection.send(frame);
  }

  /** A tick's frame: what sending it to everyone takes is the adaptive flush's measure of load (SS4). */
  private broadcastTimed(frame: Uint8Array): void {
    const started = performance.now();
    this.broadcast(frame);
    this.tickWork += performance.now() - started;
  }

  private safely(hook: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.context.logger.error({ boardId: this.boardId, hook, err: error }, "room hook failed");
    }
  }
}
