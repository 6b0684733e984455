import type { Limits } from "../config";
import { RateBudget } from "./rate-budget";

export type LimitVerdict = "ok" | "too-big" | "rate-limited";

/** Seconds of traffic a connection may send in one burst (a reconnect's catch-up, a paste). */
const BURST_SECONDS = 2;

/**
 * What one connection may send: document updates (count and bytes per second)
 * and awareness (size and count per second). A client over its update budget is
 * closed (it reconnects and resyncs, so nothing is lost); awareness over its
 * budget is dropped (the next cursor position supersedes it).
 */
export class ConnectionLimits {
  private readonly updates: RateBudget;
  private readonly updateBytes: RateBudget;
  private readonly awareness: RateBudget;

  constructor(
    private readonly limits: Pick<Limits, "maxAwarenessBytes" | "maxAwarenessPerSecond" | "maxUpdatesPerSecond" | "maxUpdateBytesPerSecond">,
    /** Largest single frame the server accepts: one frame of that size must fit the byte budget. */
    maxFrameBytes: number,
  ) {
    this.updates = new RateBudget(limits.maxUpdatesPerSecond, limits.maxUpdatesPerSecond * BURST_SECONDS);
    this.updateBytes = new RateBudget(
      limits.maxUpdateBytesPerSecond,
      Math.max(maxFrameBytes, limits.maxUpdateBytesPerSecond * BURST_SECONDS),
    );
    this.awareness = new RateBudget(limits.maxAwarenessPerSecond, limits.maxAwarenessPerSecond * BURST_SECONDS);
  }

  update(bytes: number): LimitVerdict {
    if (!this.updates.take(1)) return "rate-limited";
    return this.updateBytes.take(bytes) ? "ok" : "rate-limited";
  }

  awarenessMessage(bytes: number): LimitVerdict {
    if (bytes > this.limits.maxAwarenessBytes) return "too-big";
    return this.awareness.take(1) ? "ok" : "rate-limited";
  }
}
