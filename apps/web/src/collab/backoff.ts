/**
 * "Full jitter" exponential backoff: a uniformly random delay in [0, min(cap, base·2^attempt)).
 * Spreads a crowd of clients that lost the same server over the window instead of
 * having them all return on the same tick (the stock y-websocket retry has no jitter).
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs = 300,
  capMs = 10_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.max(50, Math.floor(random() * ceiling));
}
