import { describe, expect, it } from "vitest";
import { formatRemaining, remainingAt } from "./timerClock";

const running = { status: "running" as const, durationMs: 600_000, remainingMs: 0, endsAt: 1_000_000, expired: false, run: 1 };

describe("timer clock", () => {
  it("derives the remaining time from the server's clock, never the local one", () => {
    expect(remainingAt(running, 1_000_000 - 90_500)).toBe(90_500);
    expect(remainingAt(running, 1_000_000 + 5)).toBe(0);
    expect(remainingAt({ ...running, status: "paused", endsAt: null, remainingMs: 42_000 }, 0)).toBe(42_000);
  });

  it("formats m:ss rounding up", () => {
    expect(formatRemaining(90_500)).toBe("1:31");
    expect(formatRemaining(60_000)).toBe("1:00");
    expect(formatRemaining(1)).toBe("0:01");
    expect(formatRemaining(0)).toBe("0:00");
  });
});
