import { describe, expect, it } from "vitest";
import { firstNearest } from "./nearest-first";

describe("firstNearest: a stable sort by distance, then find", () => {
  it("answers as the sort on random lists with many equal distances", () => {
    let s = 3;
    const random = () => (s = (s * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 300; run++) {
      const items = Array.from({ length: Math.floor(random() * 60) }, (_, id) => ({ id, d: Math.floor(random() * 8), ok: random() < 0.2 }));
      const sorted = [...items].sort((a, b) => a.d - b.d);
      expect(firstNearest(items, (i) => i.d, (i) => i.ok)).toBe(sorted.find((i) => i.ok));
    }
  });

  it("nothing when nothing is accepted, or nothing is given", () => {
    expect(firstNearest([1, 2, 3], (i) => i, () => false)).toBeUndefined();
    expect(firstNearest([], () => 0, () => true)).toBeUndefined();
  });
});
