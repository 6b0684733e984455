import { describe, expect, it } from "vitest";
import { overlaps } from "./free-space";
import type { Rect } from "./geometry";
import { RectIndex } from "./rect-index";

/** A fixed pseudo-random sequence (house rule 7). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

describe("RectIndex", () => {
  it("answers exactly as testing overlaps against every box: boxes, border lines, huge and negative boxes", () => {
    const random = lcg(7);
    const box = (): Rect => {
      const kind = random();
      const x = (random() - 0.3) * 5000;
      const y = (random() - 0.3) * 5000;
      if (kind < 0.2) return { x, y, width: 0, height: random() * 900 }; // a vertical zone border
      if (kind < 0.4) return { x, y, width: random() * 900, height: 0 };
      if (kind < 0.42) return { x, y, width: 90_000, height: 50_000 }; // spans too many cells: checked always
      return { x, y, width: random() * 300, height: random() * 200 };
    };
    const rects = Array.from({ length: 400 }, box);
    const index = new RectIndex(rects, overlaps);
    for (let q = 0; q < 2000; q++) {
      const r = { x: (random() - 0.3) * 5000, y: (random() - 0.3) * 5000, width: 160, height: 100 };
      const gap = [0, 8, 80][q % 3] ?? 0;
      expect(index.hits(r, gap)).toBe(rects.some((o) => overlaps(r, o, gap)));
    }
  });

  it("finds a box that only the gap reaches, across a cell edge", () => {
    const index = new RectIndex([{ x: 260, y: 0, width: 10, height: 10 }], overlaps);
    expect(index.hits({ x: 0, y: 0, width: 250, height: 10 }, 0)).toBe(false);
    expect(index.hits({ x: 0, y: 0, width: 250, height: 10 }, 11)).toBe(true);
  });
});
