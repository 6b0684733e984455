import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("grows exponentially up to the cap and is spread by the random source", () => {
    expect(backoffDelay(0, () => 0.999)).toBe(299);
    expect(backoffDelay(3, () => 0.999)).toBe(2397);
    expect(backoffDelay(30, () => 0.999)).toBe(9990);
    expect(backoffDelay(3, () => 0.5)).toBe(1200);
    expect(backoffDelay(3, () => 0)).toBe(50);
  });
});
