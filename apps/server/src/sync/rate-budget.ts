/** One clock for every budget (a bound function per budget would cost each connection three closures). */
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: `perSecond` tokens refill continuously up to `burst`. Used for
 * per-connection message and byte budgets; O(1) per call, no timers.
 */
export class RateBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `cost` tokens; false (and nothing taken) when the budget cannot cover it. */
  take(cost = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (cost > this.tokens) return false;
    this.tokens -= cost;
    return true;
  }
}
