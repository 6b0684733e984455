import { describe, expect, it } from "vitest";
import { buildPreworkArea } from "./prework-area";
import { overlaps } from "./free-space";
import { type Rect, rectOf } from "./geometry";

const ctx = () => {
  let n = 0;
  return { newId: () => `id${++n}`, random: () => 0.5, now: 1 };
};

describe("buildPreworkArea", () => {
  it("puts the frame in free space and every note inside it, none overlapping another", () => {
    const occupied: Rect[] = [{ x: -200, y: -200, width: 600, height: 400 }];
    const texts = Array.from({ length: 11 }, (_, i) => `idea ${i + 1}`);
    const area = buildPreworkArea(texts, occupied, { x: 0, y: 0 }, ctx());
    expect(occupied.some((o) => overlaps(area.rect, o))).toBe(false);
    const stickies = area.elements.filter((e) => e["type"] === "rectangle").map((e) => rectOf(e as never as Rect));
    expect(stickies).toHaveLength(11);
    for (const [i, a] of stickies.entries()) {
      expect(a.x >= area.rect.x && a.y >= area.rect.y && a.x + a.width <= area.rect.x + area.rect.width && a.y + a.height <= area.rect.y + area.rect.height).toBe(true);
      for (const b of stickies.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    }
    expect(area.elements[0]).toMatchObject({ type: "frame", name: "Pre-work (11 notes)" });
    expect(area.elements.slice(1).every((e) => e["frameId"] === area.frameId)).toBe(true);
    const labels = area.elements.filter((e) => e["type"] === "text").map((e) => e["text"]);
    expect(labels).toEqual(texts);
  });
});
