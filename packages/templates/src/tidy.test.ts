import { describe, expect, it } from "vitest";
import { overlaps } from "./free-space";
import type { Rect } from "./geometry";
import { type TidyItem, type TidyMove, separateOverlaps, tidyGrid } from "./tidy";

const zone: Rect = { x: 0, y: 0, width: 600, height: 450 };
const note = (id: string, x: number, y: number, width = 160, height = 100): TidyItem => ({ id, rect: { x, y, width, height } });
const after = (items: readonly TidyItem[], moves: readonly TidyMove[]): Rect[] =>
  items.map((i) => {
    const m = moves.find((mv) => mv.id === i.id);
    return m ? { ...i.rect, x: m.x, y: m.y } : i.rect;
  });
const inside = (r: Rect, a: Rect) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;

describe("RULE 34: tidy lays out one area's notes", () => {
  it("a pile of notes becomes a grid: no overlap, all inside the zone, below its label", () => {
    const pile = [note("a", 100, 100), note("b", 110, 105), note("c", 120, 110), note("d", 300, 300, 160, 180), note("e", 105, 95)];
    const result = tidyGrid(pile, zone);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rects = after(pile, result.moves);
    for (const [i, a] of rects.entries()) {
      expect(inside(a, zone)).toBe(true);
      expect(a.y).toBeGreaterThanOrEqual(56);
      for (const b of rects.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    }
  });

  it("reading order is kept: rows top to bottom, each left to right", () => {
    const items = [note("right", 200, 100), note("left", 20, 110), note("below", 100, 300)];
    const result = tidyGrid(items, { x: 0, y: 0, width: 400, height: 450 }); // two columns
    if (!result.ok) throw new Error("no room");
    expect(result.moves.map((m) => m.id)).toEqual(["left", "right", "below"]);
    const [left, right, below] = result.moves;
    expect(left!.y).toBe(right!.y);
    expect(left!.x).toBeLessThan(right!.x);
    expect(below!.y).toBeGreaterThan(left!.y);
  });

  it("rows are as tall as their tallest note; a tidy grid tidied again does not move", () => {
    const items = [note("a", 0, 0, 160, 220), note("b", 200, 0), note("c", 400, 0), note("d", 0, 300)];
    const first = tidyGrid(items, { x: 0, y: 0, width: 600, height: 900 });
    if (!first.ok) throw new Error("no room");
    const moved = items.map((i, n) => ({ id: i.id, rect: after(items, first.moves)[n]! }));
    expect(moved[3]!.rect.y).toBeGreaterThanOrEqual(moved[0]!.rect.y + 220);
    const second = tidyGrid(moved, { x: 0, y: 0, width: 600, height: 900 });
    expect(second).toEqual(first);
  });

  it("too many notes for the area: nothing moves, the answer says there is no room", () => {
    const many = Array.from({ length: 20 }, (_, i) => note(`n${i}`, 10 * i, 10 * i));
    expect(tidyGrid(many, zone)).toEqual({ ok: false, reason: "no-room" });
    expect(tidyGrid([], zone)).toEqual({ ok: true, moves: [] });
  });

  it("separate (matrix): only overlapping notes move, to the nearest free slot in the same quadrant", () => {
    const items = [note("kept", 200, 200), note("onTop", 210, 205), note("alone", 420, 60)];
    const result = separateOverlaps(items, zone, { occupied: [], borders: [] });
    if (!result.ok) throw new Error("no room");
    expect(result.moves.map((m) => m.id)).toEqual(["onTop"]);
    const rects = after(items, result.moves);
    expect(overlaps(rects[0]!, rects[1]!)).toBe(false);
    expect(inside(rects[1]!, zone)).toBe(true);
    // nearest: one grid step away, not across the quadrant
    expect(Math.hypot(rects[1]!.x - 210, rects[1]!.y - 205)).toBeLessThan(200);
  });
});

describe("RULE 34 (separate): a note dragged out of a full grid finds its old hole", () => {
  it("9 notes on the quick-note grid, one dropped on another: it moves back into the empty slot, inside the quadrant", () => {
    const area: Rect = { x: 0, y: 0, width: 600, height: 450 };
    const grid: TidyItem[] = [];
    for (const dy of [-116, 0, 116]) for (const dx of [-176, 0, 176]) grid.push(note(`n${grid.length}`, 300 + dx - 80, 225 + dy - 50));
    const dragged = { ...grid[4]!, rect: { ...grid[0]!.rect, x: grid[0]!.rect.x + 20, y: grid[0]!.rect.y + 10 } };
    const items = grid.map((g) => (g.id === dragged.id ? dragged : g));
    const result = separateOverlaps(items, area, { occupied: [], borders: [] });
    if (!result.ok) throw new Error("no room");
    expect(result.moves).toEqual([{ id: "n4", x: 220, y: 175 }]);
  });
});
