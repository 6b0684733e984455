/**
 * Fires `fire(i)` for each of `count` senders at `ratePerSecond`, phases spread
 * evenly over the period so load is smooth rather than bursty. One timer for
 * all senders: a thousand setIntervals would drift and cost more.
 */
export class Ticker {
  private readonly timer: NodeJS.Timeout;
  private readonly next: Float64Array;

  constructor(
    count: number,
    ratePerSecond: number,
    private readonly fire: (i: number, now: number) => void,
    now: number = performance.now(),
    resolutionMs = 5,
  ) {
    const period = 1000 / ratePerSecond;
    this.next = new Float64Array(count);
    for (let i = 0; i < count; i++) this.next[i] = now + (period * i) / count;
    this.timer = setInterval(() => {
      const t = performance.now();
      for (let i = 0; i < count; i++) {
        const due = this.next[i] ?? Infinity;
        if (due <= t) {
          // Skip missed beats rather than bursting to catch up.
          this.next[i] = Math.max(due + period, t);
          this.fire(i, t);
        }
      }
    }, resolutionMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
