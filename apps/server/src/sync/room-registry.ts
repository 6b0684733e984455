import { CloseCode, type Role } from "@quadrant/protocol";
import type { Storage } from "../storage/storage";
import type { Connection } from "./connection";
import type { Fanout } from "./fanout/fanout";
import { FlushScheduler } from "./flush-scheduler";
import type { SyncLogger } from "./logger";
import { Room, type RoomContext } from "./room";
import type { RoomHandle } from "./room-handle";
import { withDefaultHooks, type RoomHooks } from "./room-hooks";
import { LivenessRounds } from "./liveness-rounds";

/** A liveness round is spread over this many slices of its interval (SS8). */
const PING_SLICES = 10;

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

/**
 * Finds, creates and evicts rooms: one load at a time per board, the idle
 * unload timer, deletion, liveness pings, shutdown. What happens inside a room
 * (its state, writes, compaction, the unload's checks) is the room's own
 * (room.ts); the shared flush tick is flush-scheduler.ts.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  private readonly flush: FlushScheduler;
  private readonly context: RoomContext;
  private readonly pingTimer: NodeJS.Timeout;
  /** The liveness round, spread over its interval (SS8). */
  private readonly liveness = new LivenessRounds<Room>(PING_SLICES);
  private closing = false;
  readonly hooks: RoomHooks;

  constructor(private readonly options: RoomRegistryOptions) {
    this.hooks = withDefaultHooks(options.hooks);
    this.flush = new FlushScheduler({
      storage: options.storage,
      logger: options.logger,
      flushIntervalMs: options.flushIntervalMs,
      rooms: () => this.rooms.values(),
    });
    this.context = {
      flush: this.flush,
      storage: options.storage,
      fanout: options.fanout,
      hooks: this.hooks,
      logger: options.logger,
      compactAfterUpdates: options.compactAfterUpdates,
      connectionsChanged: (room) => this.scheduleIdleCheck(room),
    };
    this.pingTimer = setInterval(() => this.pingSlice(), options.pingIntervalMs / PING_SLICES);
    this.pingTimer.unref();
  }

  /** False while the last storage write failed (retrying); /readyz reports it. */
  get writesHealthy(): boolean {
    return this.flush.writesHealthy;
  }
  get writeError(): string | null {
    return this.flush.writeError;
  }

  get(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }
  loadedRooms(): Room[] {
    return [...this.rooms.values()];
  }

  /** The loaded room of a board with its document applied (SS9a), loading it if needed. */
  async acquire(boardId: string): Promise<RoomHandle> {
    const room = await this.acquireForJoin(boardId);
    await room.applied;
    return room;
  }

  /** The loaded room, possibly still applying its snapshot (joiners are served from it meanwhile). Concurrent callers share one load. */
  private async acquireForJoin(boardId: string): Promise<Room> {
    if (this.closing) throw new Error("server is shutting down");
    const existing = this.rooms.get(boardId);
    if (existing) {
      existing.revive();
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
    const room = new Room(boardId, this.context);
    room.load(stored);
    this.rooms.set(boardId, room);
    this.liveness.add(room);
    this.options.fanout.subscribe(boardId, (message) => room.handleFanout(message));
    try {
      this.hooks.onRoomLoaded(room);
    } catch (error) {
      this.options.logger.error({ boardId, err: error }, "onRoomLoaded hook failed");
    }
    this.scheduleIdleCheck(room);
    room.compactIfDue();
    return room;
  }

  /** Loads the board's room and adds the connection to it. */
  async join(connection: Connection): Promise<Room | null> {
    const room = await this.acquireForJoin(connection.identity.boardId);
    // The socket may have closed, or the board been deleted, while we loaded.
    if (connection.closed) return null;
    if (!room.acceptsJoins) {
      connection.close(CloseCode.BoardDeleted, "board deleted");
      return null;
    }
    room.addConnection(connection);
    return room;
  }

  /** Resolves once everything received so far is durable (or `attempts` writes failed). */
  flushAll(attempts?: number): Promise<void> {
    return this.flush.flushAll(attempts);
  }

  // ---- idle unload ------------------------------------------------------------------

  private scheduleIdleCheck(room: Room): void {
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    if (!room.idle) return;
    const next = setTimeout(() => {
      this.idleTimers.delete(room);
      void this.unload(room);
    }, this.options.idleUnloadMs);
    next.unref();
    this.idleTimers.set(room, next);
  }

  private async unload(room: Room): Promise<void> {
    const outcome = await room.unload();
    if (outcome === "postponed") this.scheduleIdleCheck(room);
    if (outcome !== "unloaded") return;
    this.drop(room);
    this.options.logger.debug({ boardId: room.boardId }, "room unloaded");
  }

  private drop(room: Room): void {
    room.destroy();
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    this.flush.forget(room);
    this.liveness.remove(room);
    // A board deleted and loaded again has a new room under its id: leave that one subscribed.
    if (this.rooms.get(room.boardId) === room) {
      this.rooms.delete(room.boardId);
      this.options.fanout.unsubscribe(room.boardId);
    }
  }

  // ---- deletion, liveness, shutdown ----------------------------------------------

  /** Closes the board's sockets with BoardDeleted and forgets its pending state. */
  async deleteBoard(boardId: string): Promise<void> {
    const room = this.rooms.get(boardId) ?? (await this.loading.get(boardId)?.catch(() => undefined));
    if (!room) return;
    room.delete();
    // Let an in-flight write finish before the caller deletes the rows.
    const write = this.flush.inFlight();
    if (write) await write;
    this.drop(room);
  }

  /** Closes the board's sockets of these roles here and on every other instance (links rotated). */
  revokeRoles(boardId: string, roles: readonly Role[]): void {
    const room = this.rooms.get(boardId);
    if (room) room.revokeRoles(roles);
    else this.options.fanout.publish({ kind: "roles-revoked", docId: boardId, roles });
  }

  /** One slice of the liveness round: each room's sockets are pinged once per PING_INTERVAL (SS8). */
  private pingSlice(): void {
    for (const room of this.liveness.next()) room.checkAlive();
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
    this.flush.stop();
  }
}
