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
  // Each budget starts full, so creating it at first use is the same as creating it now;
  // a socket that never sends awareness (or never edits) holds no budget for it (issue 17).
  private updates: RateBudget | null = null;
  private updateBytes: RateBudget | null = null;
  private awareness: RateBudget | null = null;

  constructor(
    private readonly limits: Pick<Limits, "maxAwarenessBytes" | "maxAwarenessPerSecond" | "maxUpdatesPerSecond" | "maxUpdateBytesPerSecond">,
    /** Largest single frame the server accepts: one frame of that size must fit the byte budget. */
    private readonly maxFrameBytes: number,
  ) {}

  update(bytes: number): LimitVerdict {
    const { maxUpdatesPerSecond, maxUpdateBytesPerSecond } = this.limits;
    this.updates ??= new RateBudget(maxUpdatesPerSecond, maxUpdatesPerSecond * BURST_SECONDS);
    this.updateBytes ??= new RateBudget(maxUpdateBytesPerSecond, Math.max(this.maxFrameBytes, maxUpdateBytesPerSecond * BURST_SECONDS));
    if (!this.updates.take(1)) return "rate-limited";
    return this.updateBytes.take(bytes) ? "ok" : "rate-limited";
  }

  awarenessMessage(bytes: number): LimitVerdict {
    if (bytes > this.limits.maxAwarenessBytes) return "too-big";
    this.awareness ??= new RateBudget(this.limits.maxAwarenessPerSecond, this.limits.maxAwarenessPerSecond * BURST_SECONDS);
    return this.awareness.take(1) ? "ok" : "rate-limited";
  }
}
