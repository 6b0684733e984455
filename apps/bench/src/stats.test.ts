import { describe, expect, it } from "vitest";
import { median, percentile, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it("picks the smallest sample with at least p% at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });
  it("handles tiny and empty inputs", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts numerically, not as strings", () => {
    const s = summarize([100, 9, 20, 3]);
    expect(s).toEqual({ count: 4, p50: 9, p95: 100, p99: 100, max: 100 });
  });
  it("median of an odd list is its middle", () => {
    expect(median([5, 1, 3])).toBe(3);
  });
});
