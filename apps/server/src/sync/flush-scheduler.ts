import type { Storage, StoredUpdate } from "../storage/storage";
import type { SyncLogger } from "./logger";
import type { Room, RoomFlush } from "./room";

export interface FlushSchedulerOptions {
  storage: Storage;
  logger: SyncLogger;
  flushIntervalMs: number;
  /** Every loaded room (flushAll writes whatever any of them holds). */
  rooms: () => Iterable<Room>;
}

/** Retry delays after failed writes: 100 ms doubling up to 5 s. */
const MAX_BACKOFF_MS = 5_000;
/**
 * The tick interval adapts to the room's size. Each tick costs one socket write
 * per connection, whatever its size (~10 µs each in Node): big rooms tick less
 * often (1 ms per 20 connections, at most 35 ms). In small rooms coalescing saves
 * little while the delay is visible: below 100 connections the interval shrinks in
 * proportion (at least 1 ms).
 *
 * The cap is a latency/CPU trade for rooms above ~700 people: at 2,000 a tick's
 * fan-out costs ~25 ms, so a 50 ms cap sent half the time and put update p99 at
 * 62–127 ms; 35 ms sends ~70 % of the time (+40 % server CPU in that room) for a
 * p99 of 45–52 ms (issue 17, target 2; docs/benchmarks.md).
 */
const CONNECTIONS_PER_INTERVAL_MS = 20;
const MAX_ADAPTIVE_INTERVAL_MS = 35;
const SMALL_ROOM_CONNECTIONS = 100;
const MIN_INTERVAL_MS = 1;

/**
 * A room's next tick starts at the earliest this many times its tick's fan-out cost after
 * the previous one: a room spends at most 1 / COALESCE_COST_FACTOR of the time sending.
 */
export const COALESCE_COST_FACTOR = 3;

/** The longest a room may wait between ticks, given FLUSH_INTERVAL_MS and its size: the coalescing cap (SS4). */
export function tickIntervalMs(flushIntervalMs: number, connections: number): number {
  if (flushIntervalMs === 0) return 0; // explicitly no coalescing delay (experiments)
  const scaled =
    connections < SMALL_ROOM_CONNECTIONS
      ? flushIntervalMs * (connections / SMALL_ROOM_CONNECTIONS)
      : Math.max(flushIntervalMs, connections / CONNECTIONS_PER_INTERVAL_MS);
  return Math.min(Math.max(flushIntervalMs, MAX_ADAPTIVE_INTERVAL_MS), Math.max(Math.min(MIN_INTERVAL_MS, flushIntervalMs), scaled));
}

/**
 * Adaptive flush (SS4): the gap a room keeps between two ticks. A tick costs what sending
 * its frames to every connection costs (measured: `tickCostMs`); a busy room (whose ticks come
 * new messages come sooner after a tick than that, `quietAfterTickMs`) waits COALESCE_COST_FACTOR times that, at most
 * `tickIntervalMs`; a room that is not busy does not wait. A small or quiet room's tick
 * costs microseconds, so it flushes on the next turn of the event loop (no tick to wait
 * for); a big or busy one (a costly fan-out, or a machine so busy that sending takes long)
 * coalesces up to the cap. What arrives in one turn always goes out in one tick.
 */
export function coalescingGapMs(flushIntervalMs: number, connections: number, tickCostMs: number, quietAfterTickMs = 0): number {
  const gap = Math.min(tickIntervalMs(flushIntervalMs, connections), COALESCE_COST_FACTOR * tickCostMs);
  // Not busy: new messages come later after a tick than the gap anyway, so none should wait (a
  // room of 50 at 200 messages a second sends 10 % of the time, yet a gap after every tick made
  // one message in four wait up to 1.5 ms for a timer; issue 17). A busy room coalesces as before.
  return quietAfterTickMs >= gap ? 0 : gap;
}

/**
 * The flush tick of every room of a registry (SS3, SS4): coalesces each room's
 * messages per tick, writes the updates of all rooms of a tick in one storage
 * transaction, one write at a time, and backs off while writes fail (SS9).
 * It calls each room's tick methods; the rooms keep their own state.
 */
export class FlushScheduler implements RoomFlush {
  /** Rooms with something to flush → when their tick is due (performance.now() ms). */
  private readonly dirty = new Map<Room, number>();
  /** Rooms whose write must wait for the write in flight (one write at a time keeps the log in order). */
  private readonly afterWrite = new Set<Room>();
  private flushTimer: { cancel(): void } | null = null;
  private flushTimerDue = Number.POSITIVE_INFINITY;
  private writeInFlight: Promise<void> | null = null;
  private failedWrites = 0;
  private lastWriteError: string | null = null;

  constructor(private readonly options: FlushSchedulerOptions) {}

  /** False while the last storage write failed (retrying); /readyz reports it. */
  get writesHealthy(): boolean {
    return this.failedWrites === 0;
  }
  get writeError(): string | null {
    return this.lastWriteError;
  }

  markDirty(room: Room): void {
    // Called for every message: O(1). An already dirty room's tick is already armed.
    if (this.dirty.has(room)) return;
    // A room that is not busy, or whose last tick is further back than its coalescing gap,
    // flushes on the next turn (a quiet or small room never waits); a busy room's ticks stay
    // a gap apart (SS4).
    const now = performance.now();
    room.noteDirty(now, tickIntervalMs(this.options.flushIntervalMs, room.connections.size));
    const due = Math.max(now, room.lastTickAt + this.intervalFor(room));
    this.dirty.set(room, due);
    if (this.flushTimer === null || due < this.flushTimerDue) this.armAt(due);
  }

  private intervalFor(room: Room): number {
    if (this.failedWrites > 0 && room.hasPendingWrite()) return this.backoffMs();
    return coalescingGapMs(this.options.flushIntervalMs, room.connections.size, room.tickCostMs, room.quietAfterTickMs);
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
        room.ticked(now);
      }
    }
    const toWrite = rooms.filter((room) => room.hasPendingWrite());
    let written: Promise<void> | null = null;
    if (toWrite.length > 0) {
      if (this.writeInFlight) {
        for (const room of toWrite) this.afterWrite.add(room);
      } else {
        written = this.write(toWrite);
        this.writeInFlight = written.finally(() => {
          this.writeInFlight = null;
          const waiting = [...this.afterWrite];
          this.afterWrite.clear();
          const at = performance.now();
          for (const room of waiting) if (!this.dirty.has(room)) this.dirty.set(room, at);
          this.armTimer();
        });
      }
    }
    this.sendAwareness(rooms, written);
    this.armTimer();
  }

  /**
   * Awareness is volatile: it goes out every tick without waiting for storage, but after the
   * tick's document update when the write completes at once (an in-process store: SQLite,
   * memory), since edits matter more than cursors. So: at once in a tick that writes nothing;
   * else when the write settles (in this turn's microtasks for SQLite) or on the next turn,
   * whichever comes first (a networked store). It used to wait for the next turn always: a
   * cursor-only tick then waited behind a whole poll phase of other sockets' frames (issue 17).
   */
  private sendAwareness(rooms: readonly Room[], written: Promise<void> | null): void {
    let sent = false;
    const send = (): void => {
      if (sent) return;
      sent = true;
      for (const room of rooms) if (room.live) room.flushAwareness();
    };
    if (written === null) {
      send();
      return;
    }
    void written.then(send, send);
    setImmediate(send);
  }

  private async write(rooms: Room[]): Promise<void> {
    const batch: StoredUpdate[] = [];
    const writing: Room[] = [];
    for (const room of rooms) {
      const update = room.takeWrite();
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
        room.writeFailed(failedAt);
        this.dirty.set(room, retryAt);
      }
      return;
    }
    if (this.failedWrites > 0) this.options.logger.info({ attempts: this.failedWrites }, "storage write recovered");
    this.failedWrites = 0;
    this.lastWriteError = null;
    for (const room of writing) room.writeSucceeded();
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
      const rooms = [...this.options.rooms()].filter((room) => room.hasPendingWrite());
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

  /** The write in flight, if any (deleting a board waits for it before its rows go). */
  inFlight(): Promise<void> | null {
    return this.writeInFlight;
  }

  /** The room was dropped: no tick of it is left. */
  forget(room: Room): void {
    this.dirty.delete(room);
    this.afterWrite.delete(room);
  }

  /** After the final flush: no timer keeps the process alive. */
  stop(): void {
    this.clearFlushTimer();
    this.dirty.clear();
  }
}
