import type { TimerState } from "./state";

const MINUTE = 60_000;

/** Remaining milliseconds at `now` (server time). Never negative. */
export function timerRemaining(timer: TimerState, now: number): number {
  switch (timer.status) {
    case "idle":
      return timer.durationMs;
    case "running":
      return Math.max(0, timer.endsAt - now);
    case "paused":
      return timer.remainingMs;
  }
}

export function timerExpired(timer: TimerState, now: number): boolean {
  return timer.status === "running" && now >= timer.endsAt;
}

export function setTimer(minutes: number): TimerState {
  return { status: "idle", durationMs: Math.round(minutes * MINUTE) };
}

export function startTimer(timer: TimerState, now: number): TimerState {
  return { status: "running", durationMs: timer.durationMs, endsAt: now + timer.durationMs };
}

/** Null when there is nothing to pause. */
export function pauseTimer(timer: TimerState, now: number): TimerState | null {
  if (timer.status !== "running") return null;
  return { status: "paused", durationMs: timer.durationMs, remainingMs: timerRemaining(timer, now) };
}

export function resumeTimer(timer: TimerState, now: number): TimerState | null {
  if (timer.status !== "paused") return null;
  return { status: "running", durationMs: timer.durationMs, endsAt: now + timer.remainingMs };
}

/** Adds a minute to whatever is left; an expired running timer restarts from one minute. */
export function addMinute(timer: TimerState, now: number): TimerState {
  switch (timer.status) {
    case "idle":
      return { status: "idle", durationMs: timer.durationMs + MINUTE };
    case "running":
      return {
        status: "running",
        durationMs: timer.durationMs + MINUTE,
        endsAt: Math.max(timer.endsAt, now) + MINUTE,
      };
    case "paused":
      return { status: "paused", durationMs: timer.durationMs + MINUTE, remainingMs: timer.remainingMs + MINUTE };
  }
}

export function resetTimer(timer: TimerState): TimerState {
  return { status: "idle", durationMs: timer.durationMs };
}
