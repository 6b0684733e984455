import type { ControlChange } from "./storage";

/**
 * Runs async work one at a time per key, in arrival order, within this process.
 * The embedded stores (one process owns them) use it for read-modify-write.
 */
export class KeyLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/**
 * Read-modify-write of a board's control state for the embedded stores: one process owns
 * them, so the per-board in-process lock is the whole story (Postgres uses an advisory lock).
 */
export function updateUnderLock<T>(
  lock: KeyLock,
  boardId: string,
  io: { read(boardId: string): Promise<unknown>; write(boardId: string, state: unknown): void },
  change: (current: unknown) => Promise<ControlChange<T>>,
): Promise<T> {
  return lock.run(boardId, async () => {
    const { next, result } = await change(await io.read(boardId));
    if (next !== null) io.write(boardId, next);
    return result;
  });
}

/** At most `size` holders at once; the rest wait in arrival order. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
