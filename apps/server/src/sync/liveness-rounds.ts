/**
 * Spreads a liveness round over its interval (SS8). Pinging every socket of the process in one
 * timer callback stalled the event loop for the whole round: at 1,000 boards × 5 people, 5,000
 * ping writes every 30 s; a socket write cost ~15 µs in the many-boards profile (599 ms of
 * `writeBuffer` for ~40,000 writes), so about 75 ms that every edit arriving meanwhile waited out. The items (rooms) are kept in `slices` groups, one group checked per slice of the
 * interval, so each item is still checked once per interval and a slice holds about
 * 1 / `slices` of them. A new item joins the smallest group.
 */
export class LivenessRounds<T> {
  private readonly groups: Set<T>[];
  private readonly groupOf = new Map<T, Set<T>>();
  private current = 0;

  constructor(readonly slices: number) {
    if (!Number.isInteger(slices) || slices < 1) throw new Error(`slices must be a positive integer, not ${slices}`);
    this.groups = Array.from({ length: slices }, () => new Set<T>());
  }

  add(item: T): void {
    if (this.groupOf.has(item)) return;
    let smallest = this.groups[0]!;
    for (const group of this.groups) if (group.size < smallest.size) smallest = group;
    smallest.add(item);
    this.groupOf.set(item, smallest);
  }

  remove(item: T): void {
    this.groupOf.get(item)?.delete(item);
    this.groupOf.delete(item);
  }

  /** The items due in this slice (a copy: checking one may remove it); call once per interval / slices. */
  next(): T[] {
    const due = [...this.groups[this.current]!];
    this.current = (this.current + 1) % this.slices;
    return due;
  }
}
