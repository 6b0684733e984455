import type { FacilitationView } from "@quadrant/facilitation";

/** Remaining ms of the view's timer at server time `serverNow`. */
export function remainingAt(timer: FacilitationView["timer"], serverNow: number): number {
  if (timer.status === "running" && timer.endsAt !== null) return Math.max(0, timer.endsAt - serverNow);
  return timer.remainingMs;
}

/** m:ss, rounding up so "0:00" means really zero. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
