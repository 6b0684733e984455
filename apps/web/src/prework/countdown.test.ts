import { describe, expect, it } from "vitest";
import { countdownText, serverTime } from "./countdown";

describe("pre-work countdown", () => {
  it("reads coarser the further away the deadline is, and closed at zero", () => {
    expect(countdownText(2 * 86_400_000 + 4 * 3_600_000 + 5)).toBe("2 d 4 h");
    expect(countdownText(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 05 min");
    expect(countdownText(4 * 60_000 + 9_000)).toBe("4 min 09 s");
    expect(countdownText(8_001)).toBe("9 s");
    expect(countdownText(0)).toBe("closed");
    expect(countdownText(-5)).toBe("closed");
  });

  it("follows the server's clock, not the device's", () => {
    // The phone's clock is 10 minutes slow: the estimate still lands on server time.
    expect(serverTime({ serverNow: 1_000_000, receivedAt: 400_000 }, 405_000)).toBe(1_005_000);
  });
});
