import * as Y from "yjs";
import { CloseCode, type Role } from "@quadrant/protocol";
import type { Storage, StoredUpdate } from "../storage/storage";
import type { Connection } from "./connection";
import type { Fanout } from "./fanout/fanout";
import type { SyncLogger } from "./logger";
import { Room, type RoomScheduler } from "./room";
import { withDefaultHooks, type RoomHooks } from "./room-hooks";

export interface RoomRegistryOptions {
  storage: Storage;
  fanout: Fanout;
  logger: SyncLogger;
  flushIntervalMs: number;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  pingIntervalMs: number;
  hooks?: Partial<RoomHooks>;
}

/** Retry delays after failed writes: 100 ms doubling up to 5 s. */
const MAX_BACKOFF_MS = 5_000;
/**
 * The tick interval adapts to the room's size. Each tick costs one socket write
 * per connection for the doc and one for awareness, whatever their size (~10 µs
 * each in Node): big rooms tick less often (1 ms per 20 connections, at most
 * 50 ms). In small rooms coalescing saves little while the delay is visible:
 * below 100 connections the interval shrinks in proportion (at least 1 ms).
 */
const CONNECTIONS_PER_INTERVAL_MS = 20;
const MAX_ADAPTIVE_INTERVAL_MS = 50;
const SMALL_ROOM_CONNECTIONS = 100;
const MIN_INTERVAL_MS = 1;

/** The flush interval of a room with `connections` sockets, given FLUSH_INTERVAL_MS. */
export function tickIntervalMs(flushIntervalMs: number, connections: number): number {
  if (flushIntervalMs === 0) return 0; // explicitly no coalescing delay (experiments)
  const scaled =
    connections < SMALL_ROOM_CONNECTIONS
      ? flushIntervalMs * (connections / SMALL_ROOM_CONNECTIONS)
      : Math.max(flushIntervalMs, connections / CONNECTIONS_PER_INTERVAL_MS);
  return Math.min(Math.max(flushIntervalMs, MAX_ADAPTIVE_INTERVAL_MS), Math.max(Math.min(MIN_INTERVAL_MS, flushIntervalMs), scaled));
}

/**
 * Owns every loaded room: loading (one at a time per board), the flush tick
 * (one storage transaction for all rooms of the tick), idle unload, compaction,
 * liveness pings, shutdown.
 */
export class RoomRegistry implements RoomScheduler {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** Rooms with something to flush → when their tick is due (performance.now() ms). */
  private readonly dirty = new Map<Room, number>();
  /** Rooms whose write must wait for the write in flight (one write at a time keeps the log in order). */
  private readonly afterWrite = new Set<Room>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  private flushTimer: { cancel(): void } | null = null;
  private flushTimerDue = Number.POSITIVE_INFINITY;
  private writeInFlight: Promise<void> | null = null;
  private failedWrites = 0;
  private lastWriteError: string | null = null;
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;
  readonly hooks: RoomHooks;

  constructor(private readonly options: RoomRegistryOptions) {
    this.hooks = withDefaultHooks(options.hooks);
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** False while the last storage write failed (retrying); /readyz reports it. */
  get writesHealthy(): boolean {
    return this.failedWrites === 0;
  }
  get writeError(): string | null {
    return this.lastWriteError;
  }

  get(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }
  loadedRooms(): Room[] {
    return [...this.rooms.values()];
  }

  /** The loaded room of a board with its document applied, loading it if needed. */
  async acquire(boardId: string): Promise<Room> {
    const room = await this.acquireForJoin(boardId);
    await room.applied;
    return room;
  }

  /** The loaded room, possibly still applying its snapshot (joiners are served from it meanwhile). Concurrent callers share one load. */
  private async acquireForJoin(boardId: string): Promise<Room> {
    if (this.closing) throw new Error("server is shutting down");
    const existing = this.rooms.get(boardId);
    if (existing) {
      // A join cancels a pending unload: the unload re-checks the state after its await.
      if (existing.state === "unloading") existing.state = "active";
      return existing;
    }
    const pending = this.loading.get(boardId);
    if (pending) return pending;
    const load = this.load(boardId);
    this.loading.set(boardId, load);
    try {
      return await load;
    } finally {
      this.loading.delete(boardId);
    }
  }

  private async load(boardId: string): Promise<Room> {
    const stored = await this.options.storage.loadDocument(boardId);
    const room = new Room(boardId, this, this.options.fanout, this.hooks, this.options.logger);
    if (stored.snapshot && stored.updates.length === 0) {
      // A lone snapshot (what unloading leaves) is the encoded state itself: the
      // joiners who triggered the load get it at once, while the room applies it
      // right after (cold join ≈ warm join instead of server apply + client apply).
      room.loadSnapshotSoon(stored.snapshot);
    } else {
      room.loadStored(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
    }
    room.logLength = stored.updates.length;
    this.rooms.set(boardId, room);
    this.options.fanout.subscribe(boardId, (message) => room.handleFanout(message));
    try {
      this.hooks.onRoomLoaded(room);
    } catch (error) {
      this.options.logger.error({ boardId, err: error }, "onRoomLoaded hook failed");
    }
    this.scheduleIdleCheck(room);
    this.maybeCompact(room);
    return room;
  }

  /** Loads the board's room and adds the connection to it. */
  async join(connection: Connection): Promise<Room | null> {
    const room = await this.acquireForJoin(connection.identity.boardId);
    // The socket may have closed, or the board been deleted, while we loaded.
    if (connection.closed) return null;
    if (room.state !== "active") {
      connection.close(CloseCode.BoardDeleted, "board deleted");
      return null;
    }
    room.addConnection(connection);
    return room;
  }

  // ---- RoomScheduler ---------------------------------------------------------------

  markDirty(room: Room): void {
    // Called for every message: O(1). An already dirty room's tick is already armed.
    if (this.dirty.has(room)) return;
    // Leading edge: a room that has not ticked for a whole interval flushes at once
    // (a lone edit in a quiet room pays no delay); under load the ticks stay an
    // interval apart, so coalescing is unchanged.
    const due = Math.max(performance.now(), room.lastTickAt + this.intervalFor(room));
    this.dirty.set(room, due);
    if (this.flushTimer === null || due < this.flushTimerDue) this.armAt(due);
  }

  connectionsChanged(room: Room): void {
    this.scheduleIdleCheck(room);
  }

  // ---- the flush tick -----------------------------------------------------------

  private intervalFor(room: Room): number {
    if (this.failedWrites > 0 && room.hasPendingWrite()) return this.backoffMs();
    return tickIntervalMs(this.options.flushIntervalMs, room.connections.size);
  }

  private armTimer(): void {
    let due = Number.POSITIVE_INFINITY;
    for (const roomDue of this.dirty.values()) due = Math.min(due, roomDue);
    if (due === Number.POSITIVE_INFINITY || (this.flushTimer !== null && this.flushTimerDue <= due)) return;
    this.armAt(due);
  }

  private armAt(due: number): void {
    this.clearFlushTimer();
    this.flushTimerDue = due;
    const delay = due - performance.now();
    const fire = () => {
      this.flushTimer = null;
      this.flushTimerDue = Number.POSITIVE_INFINITY;
      this.tick(false);
    };
    // setTimeout(0) waits about 1 ms; a due tick runs right after this turn's I/O instead.
    if (delay <= 0) {
      const immediate = setImmediate(fire);
      this.flushTimer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(fire, delay);
      this.flushTimer = { cancel: () => clearTimeout(timeout) };
    }
  }

  private clearFlushTimer(): void {
    this.flushTimer?.cancel();
    this.flushTimer = null;
  }

  /** Flushes every room whose tick is due (all dirty rooms when `force`). */
  private tick(force: boolean): void {
    const now = performance.now();
    const rooms: Room[] = [];
    for (const [room, due] of this.dirty) {
      if (force || due <= now + 1) {
        rooms.push(room);
        this.dirty.delete(room);
        room.lastTickAt = now;
      }
    }
    const toWrite = rooms.filter((room) => room.hasPendingWrite());
    if (toWrite.length > 0) {
      if (this.writeInFlight) {
        for (const room of toWrite) this.afterWrite.add(room);
      } else {
        this.writeInFlight = this.write(toWrite).finally(() => {
          this.writeInFlight = null;
          const waiting = [...this.afterWrite];
          this.afterWrite.clear();
          const at = performance.now();
          for (const room of waiting) if (!this.dirty.has(room)) this.dirty.set(room, at);
          this.armTimer();
        });
      }
    }
    // Awareness is volatile: it goes out every tick without waiting for storage, but
    // after this turn's microtasks, so that with an in-process store (SQLite) the
    // tick's document update reaches the sockets first (edits matter more than cursors).
    setImmediate(() => {
      for (const room of rooms) if (room.state === "active" || room.state === "unloading") room.flushAwareness();
    });
    this.armTimer();
  }

  private async write(rooms: Room[]): Promise<void> {
    const batch: StoredUpdate[] = [];
    const writing: Room[] = [];
    for (const room of rooms) {
      const update = room.prepareWrite();
      if (update) {
        batch.push(update);
        writing.push(room);
      }
    }
    if (batch.length === 0) return;
    try {
      await this.options.storage.appendUpdates(batch);
    } catch (error) {
      this.failedWrites++;
      this.lastWriteError = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ err: error, rooms: writing.length, attempt: this.failedWrites }, "storage write failed; keeping updates in memory and retrying");
      const retryAt = performance.now() + this.backoffMs();
      const failedAt = Date.now();
      for (const room of writing) {
        room.abortWrite();
        room.reportSaveFailing(failedAt);
        this.dirty.set(room, retryAt);
      }
      return;
    }
    if (this.failedWrites > 0) this.options.logger.info({ attempts: this.failedWrites }, "storage write recovered");
    this.failedWrites = 0;
    this.lastWriteError = null;
    for (const room of writing) {
      room.commitWrite();
      room.reportSaved();
      this.maybeCompact(room);
    }
  }

  private backoffMs(): number {
    return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.failedWrites - 1, 10));
  }

  /** Resolves once everything received so far is durable (or `attempts` writes failed). */
  async flushAll(attempts = 5): Promise<void> {
    for (let failures = 0; ; ) {
      if (this.writeInFlight) {
        await this.writeInFlight;
        continue;
      }
      const rooms = [...this.rooms.values()].filter((room) => room.hasPendingWrite());
      if (rooms.length === 0) return;
      for (const room of rooms) if (!this.dirty.has(room)) this.dirty.set(room, performance.now());
      const before = this.failedWrites;
      this.tick(true);
      if (this.writeInFlight) await this.writeInFlight;
      if (this.failedWrites > before && ++failures >= attempts) {
        throw new Error(`flush failed ${failures} times: ${this.lastWriteError ?? "unknown error"}`);
      }
    }
  }

  // ---- idle unload ------------------------------------------------------------------

  private scheduleIdleCheck(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    if (room.connections.size > 0 || room.state !== "active") return;
    const next = setTimeout(() => {
      this.idleTimers.delete(room);
      void this.unload(room);
    }, this.options.idleUnloadMs);
    next.unref();
    this.idleTimers.set(room, next);
  }

  /** Flushes and drops a room nobody is connected to. */
  private async unload(room: Room): Promise<void> {
    if (room.state !== "active" || room.connections.size > 0) return;
    room.state = "unloading";
    try {
      await this.flushAll(1);
    } catch (error) {
      this.options.logger.warn({ boardId: room.boardId, err: error }, "unload postponed: flush failed");
    }
    // Re-check after the await: a join may have revived the room, or writes failed.
    if (room.state !== "unloading") return;
    if (room.connections.size > 0 || room.hasPendingWrite() || room.compacting) {
      room.state = "active";
      this.scheduleIdleCheck(room);
      return;
    }
    // Leave a single snapshot behind: the next cold join loads and sends it without
    // replaying a log (benchmarks: a snapshot applies about twice as fast).
    if (room.logLength > 0) {
      room.compacting = true;
      await this.compact(room).finally(() => {
        room.compacting = false;
      });
      if (room.state !== "unloading" || room.connections.size > 0 || room.hasPendingWrite()) {
        if (room.state === "unloading") room.state = "active";
        this.scheduleIdleCheck(room);
        return;
      }
    }
    this.drop(room);
    this.options.logger.debug({ boardId: room.boardId }, "room unloaded");
  }

  private drop(room: Room): void {
    try {
      this.hooks.onRoomUnloading(room);
    } catch (error) {
      this.options.logger.error({ boardId: room.boardId, err: error }, "onRoomUnloading hook failed");
    }
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    this.dirty.delete(room);
    this.afterWrite.delete(room);
    if (this.rooms.get(room.boardId) === room) {
      this.rooms.delete(room.boardId);
      this.options.fanout.unsubscribe(room.boardId);
    }
    room.destroy();
  }

  // ---- compaction ----------------------------------------------------------------

  private maybeCompact(room: Room): void {
    if (room.compacting || room.logLength < this.options.compactAfterUpdates) return;
    room.compacting = true;
    void this.compact(room).finally(() => {
      room.compacting = false;
    });
  }

  /**
   * Rebuilds the snapshot from storage alone (not from the live doc, which may
   * miss updates another instance wrote): apply snapshot + log to a fresh Y.Doc
   * and encode. Never Y.mergeUpdates on a long log (superlinear).
   */
  async compact(room: Room): Promise<void> {
    const storage = this.options.storage;
    try {
      const stored = await storage.loadDocument(room.boardId);
      const scratch = new Y.Doc({ gc: true });
      scratch.transact(() => {
        if (stored.snapshot) Y.applyUpdate(scratch, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(scratch, update);
      });
      const snapshot = Y.encodeStateAsUpdate(scratch);
      scratch.destroy();
      if (room.state === "deleted") return;
      await storage.compact(room.boardId, snapshot, stored.lastSeq);
      room.logLength = Math.max(0, room.logLength - stored.updates.length);
      this.options.logger.debug({ boardId: room.boardId, bytes: snapshot.byteLength, updates: stored.updates.length }, "compacted");
    } catch (error) {
      this.options.logger.warn({ boardId: room.boardId, err: error }, "compaction failed; will retry later");
    }
  }

  // ---- deletion, liveness, shutdown ----------------------------------------------

  /** Closes the board's sockets with BoardDeleted and forgets its pending state. */
  async deleteBoard(boardId: string): Promise<void> {
    const room = this.rooms.get(boardId) ?? (await this.loading.get(boardId)?.catch(() => undefined));
    if (!room) return;
    room.state = "deleted";
    room.discardPending();
    room.closeAll(CloseCode.BoardDeleted, "board deleted");
    // Let an in-flight write finish before the caller deletes the rows.
    if (this.writeInFlight) await this.writeInFlight;
    this.drop(room);
  }

  /** Closes the board's sockets of these roles here and on every other instance (links rotated). */
  revokeRoles(boardId: string, roles: readonly Role[]): void {
    const room = this.rooms.get(boardId);
    if (room) room.revokeRoles(roles);
    else this.options.fanout.publish({ kind: "roles-revoked", docId: boardId, roles });
  }

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) connection.checkAlive();
    }
  }

  /**
   * Graceful close (GOTCHAS: sockets first, then storage): closes every socket
   * with 1012, flushes, drops the rooms. The caller closes storage afterwards.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.pingTimer);
    await Promise.allSettled([...this.loading.values()]);
    for (const room of this.rooms.values()) room.closeAll(CloseCode.ServiceRestart, "server restarting");
    try {
      await this.flushAll();
    } catch (error) {
      this.options.logger.error({ err: error }, "final flush failed; unwritten updates are lost");
    }
    for (const room of [...this.rooms.values()]) this.drop(room);
    this.clearFlushTimer();
    this.dirty.clear();
  }
}
