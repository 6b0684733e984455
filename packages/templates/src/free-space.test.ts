import { parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE_SIZE } from "./builders";
import { NOTE_GAP, TEMPLATE_GAP, freeSpotFor, noteObstacles, noteSlot, occupiedBoxes, overlaps } from "./free-space";
import type { Rect } from "./geometry";
import { NOTE_SIZE } from "./notes";
import { FixtureBoard } from "./testing/fixture-board";

const size = DEFAULT_TEMPLATE_SIZE;

describe("freeSpotFor: a new template never covers existing content", () => {
  it("an empty board: centred on the wanted point", () => {
    expect(freeSpotFor(size, [], { x: 100, y: 50 })).toEqual({ x: -500, y: -400, width: 1200, height: 900 });
  });

  it("a clear wanted point keeps the template there (an inserter who scrolled to free space)", () => {
    const content: Rect[] = [{ x: 0, y: 0, width: 1200, height: 900 }];
    expect(freeSpotFor(size, content, { x: 3000, y: 450 })).toEqual({ x: 2400, y: 0, width: 1200, height: 900 });
  });

  it("the wanted point on a template: beside it, with the gap, at the nearest clear place", () => {
    const content: Rect[] = [{ x: 0, y: 0, width: 1200, height: 900 }];
    const spot = freeSpotFor(size, content, { x: 600, y: 450 });
    // below is 980 away, right 1280: the nearer wins
    expect(spot).toEqual({ x: 0, y: 900 + TEMPLATE_GAP, width: 1200, height: 900 });
    const wide: Rect[] = [{ x: 0, y: 0, width: 1200, height: 2000 }];
    expect(freeSpotFor(size, wide, { x: 600, y: 450 })).toEqual({ x: 1200 + TEMPLATE_GAP, y: 0, width: 1200, height: 900 });
  });

  it("two inserts in a row at the same point: neither overlaps anything", () => {
    const content: Rect[] = [
      { x: 0, y: 0, width: 1200, height: 900 },
      { x: 300, y: 1000, width: 160, height: 100 },
    ];
    for (let i = 0; i < 2; i++) {
      const spot = freeSpotFor(size, content, { x: 600, y: 450 });
      for (const c of content) expect(overlaps(spot, c, TEMPLATE_GAP - 1)).toBe(false);
      content.push(spot);
    }
    expect(content[3]).not.toEqual(content[2]);
  });

  it("content all round the wanted point: still a clear spot", () => {
    const content: Rect[] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) content.push({ x: i * 700, y: j * 700, width: 600, height: 600 });
    const spot = freeSpotFor(size, content, { x: 300, y: 300 });
    for (const c of content) expect(overlaps(spot, c)).toBe(false);
  });
});

describe("noteSlot: quick notes place themselves", () => {
  function matrixBoard() {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 1200, 900);
    b.addTemplate("swot", 1300, 0, 800, 800);
    return parseBoard(b.snapshot);
  }

  it("12 notes in a row at the middle of a matrix: no two overlap, none straddles a zone border", () => {
    const board = matrixBoard();
    const { occupied, borders } = noteObstacles(board.elements, board.templates);
    const zoneLabels = [...occupied];
    const near = { x: 600, y: 450 }; // on both midlines: the worst place to drop a note
    const placed: Rect[] = [];
    for (let i = 0; i < 12; i++) {
      const slot = noteSlot(NOTE_SIZE, near, { occupied: [...occupied, ...placed], borders });
      placed.push(slot);
    }
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      for (const line of borders) expect(overlaps(a, line)).toBe(false);
      for (const label of zoneLabels) expect(overlaps(a, label)).toBe(false);
      // near the wanted point, not flung across the board
      expect(Math.hypot(a.x + a.width / 2 - near.x, a.y + a.height / 2 - near.y)).toBeLessThan(600);
    }
  });

  it("a tidy grid: slots sit on rows and columns one note plus the gap apart", () => {
    const placed: Rect[] = [];
    for (let i = 0; i < 9; i++) placed.push(noteSlot(NOTE_SIZE, { x: 0, y: 0 }, { occupied: placed, borders: [] }));
    const stepX = NOTE_SIZE.width + NOTE_GAP;
    const stepY = NOTE_SIZE.height + NOTE_GAP;
    for (const r of placed) {
      expect(Math.abs((r.x + r.width / 2) / stepX) % 1).toBeCloseTo(0);
      expect(Math.abs((r.y + r.height / 2) / stepY) % 1).toBeCloseTo(0);
    }
    expect(placed[0]).toEqual({ x: -80, y: -50, width: 160, height: 100 });
    expect(new Set(placed.map((r) => `${r.x},${r.y}`)).size).toBe(9);
  });

  it("a wanted point inside a quadrant: the note lands in that quadrant", () => {
    const board = matrixBoard();
    const slot = noteSlot(NOTE_SIZE, { x: 300, y: 250 }, noteObstacles(board.elements, board.templates));
    expect(slot.x + slot.width / 2).toBeCloseTo(300);
    expect(slot.y + slot.height / 2).toBeCloseTo(250);
  });

  it("a deleted element frees its place; template grid lines are borders, not boxes", () => {
    const b = new FixtureBoard();
    b.addNote({ x: 0, y: 0 }, "old");
    for (const e of Object.values(b.snapshot.elements)) e["isDeleted"] = true; // the sticky and its text
    const board = parseBoard(b.snapshot);
    const { occupied } = noteObstacles(board.elements, board.templates);
    expect(occupied).toEqual([]);
    expect(noteSlot(NOTE_SIZE, { x: 0, y: 0 }, { occupied, borders: [] })).toEqual({ x: -80, y: -50, width: 160, height: 100 });
    const matrix = matrixBoard();
    const lines = matrix.elements.filter((e) => e.type === "line" && !e.isDeleted);
    expect(lines.length).toBeGreaterThan(0);
    expect(occupiedBoxes(matrix.elements).length).toBe(matrix.elements.length);
    const obstacles = noteObstacles(matrix.elements, matrix.templates);
    expect(obstacles.occupied.length).toBe(matrix.elements.length - lines.length - 2); // minus two frames
  });
});

/** A fixed pseudo-random sequence (house rule 7). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const centreDistance = (r: Rect, p: { x: number; y: number }) => Math.hypot(r.x + r.width / 2 - p.x, r.y + r.height / 2 - p.y);
const nearestFirst = (rects: Rect[], p: { x: number; y: number }) => [...rects].sort((a, b) => centreDistance(a, p) - centreDistance(b, p));

/** freeSpotFor as its comment states it, checking every box for every candidate. */
function plainFreeSpot(s: { width: number; height: number }, occupied: Rect[], near: { x: number; y: number }, gap: number): Rect {
  const at = (x: number, y: number): Rect => ({ x, y, width: s.width, height: s.height });
  const centred = at(near.x - s.width / 2, near.y - s.height / 2);
  if (occupied.length === 0) return centred;
  const all = {
    x: Math.min(...occupied.map((o) => o.x)),
    y: Math.min(...occupied.map((o) => o.y)),
    width: Math.max(...occupied.map((o) => o.x + o.width)) - Math.min(...occupied.map((o) => o.x)),
    height: Math.max(...occupied.map((o) => o.y + o.height)) - Math.min(...occupied.map((o) => o.y)),
  };
  const candidates = [centred];
  for (const o of [all, ...occupied]) {
    candidates.push(at(o.x + o.width + gap, o.y), at(o.x + o.width + gap, centred.y), at(o.x, o.y + o.height + gap), at(centred.x, o.y + o.height + gap));
  }
  return nearestFirst(candidates, near).find((c) => occupied.every((o) => !overlaps(c, o, gap))) ?? at(all.x + all.width + gap, all.y);
}

/** RULE 32 as RULES.md states it: the 25 × 25 grid nearest first, every box and line checked for every slot. */
function plainNoteSlot(near: { x: number; y: number }, occupied: Rect[], borders: Rect[], within?: Rect): Rect {
  const slots: Rect[] = [];
  for (let j = -12; j <= 12; j++) {
    for (let i = -12; i <= 12; i++) {
      slots.push({ x: near.x - NOTE_SIZE.width / 2 + i * (NOTE_SIZE.width + NOTE_GAP), y: near.y - NOTE_SIZE.height / 2 + j * (NOTE_SIZE.height + NOTE_GAP), ...NOTE_SIZE });
    }
  }
  const everything = [...occupied, ...borders];
  const free = (r: Rect) => everything.every((o) => !overlaps(r, o, NOTE_GAP / 2));
  const sorted = nearestFirst(slots, near);
  const inside = (r: Rect, a: Rect) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;
  const inArea = within ? sorted.find((r) => inside(r, within) && free(r)) : undefined;
  return inArea ?? sorted.find(free) ?? plainFreeSpot(NOTE_SIZE, [...occupied, ...borders], near, NOTE_GAP);
}

describe("placement answers as the plain definition (every box checked for every spot) on random boards", () => {
  const randomBoard = (random: () => number, count: number, spread: number) => {
    const occupied: Rect[] = [];
    const borders: Rect[] = [];
    for (let k = 0; k < count; k++) {
      const x = Math.round((random() - 0.5) * spread);
      const y = Math.round((random() - 0.5) * spread);
      const kind = random();
      if (kind < 0.1) borders.push({ x, y, width: 0, height: Math.round(random() * 1500) });
      else if (kind < 0.2) borders.push({ x, y, width: Math.round(random() * 1500), height: 0 });
      else if (kind < 0.22) occupied.push({ x, y, width: 30_000, height: 20_000 }); // more cells than the index buckets
      else occupied.push({ x, y, width: 20 + Math.round(random() * 200), height: 20 + Math.round(random() * 150) });
    }
    return { occupied, borders };
  };

  it("noteSlot: sparse and crowded boards, wanted points inside and outside them, with and without a target zone", () => {
    const random = lcg(11);
    for (let board = 0; board < 10; board++) {
      const { occupied, borders } = randomBoard(random, 40 + board * 40, 1500 + board * 500);
      const obstacles = { occupied, borders };
      for (let q = 0; q < 6; q++) {
        const near = { x: (random() - 0.5) * 6000, y: (random() - 0.5) * 6000 };
        const within = q % 2 === 0 ? { x: near.x - 400, y: near.y - 300, width: 800, height: 600 } : undefined;
        expect(noteSlot(NOTE_SIZE, near, obstacles, NOTE_GAP, within)).toEqual(plainNoteSlot(near, occupied, borders, within));
      }
    }
  });

  it("noteSlot: every slot of the neighbourhood taken, so the note goes to the nearest free spot of the whole board", () => {
    // A wall of notes covering all 25 × 25 slots around the wanted point, and more content beyond it.
    const occupied: Rect[] = [];
    for (let i = -14; i <= 14; i++) for (let j = -14; j <= 14; j++) occupied.push({ x: i * 170, y: j * 110, ...NOTE_SIZE });
    occupied.push({ x: 5200, y: -300, width: 400, height: 400 });
    const borders: Rect[] = [{ x: 2600, y: -2000, width: 0, height: 4000 }];
    for (const near of [{ x: 80, y: 50 }, { x: 300, y: -200 }, { x: -1111, y: 777 }]) {
      const slot = noteSlot(NOTE_SIZE, near, { occupied, borders });
      expect(slot).toEqual(plainNoteSlot(near, occupied, borders));
      for (const o of occupied) expect(overlaps(slot, o, NOTE_GAP - 1)).toBe(false);
    }
  });

  it("noteSlot: a box just outside the grid's outermost slot, within the gap, still takes that slot", () => {
    // Every slot taken but the two right of the wanted point in the outermost column; a small box
    // 5 px beyond the window's right edge (the gap is 8 px each side) takes the nearer of them.
    const step = { x: NOTE_SIZE.width + NOTE_GAP, y: NOTE_SIZE.height + NOTE_GAP };
    const occupied: Rect[] = [];
    for (let i = -12; i <= 12; i++) {
      for (let j = -12; j <= 12; j++) {
        if (i === 12 && (j === 0 || j === 1)) continue;
        occupied.push({ x: -80 + i * step.x, y: -50 + j * step.y, ...NOTE_SIZE });
      }
    }
    const rightEdge = -80 + 12 * step.x + NOTE_SIZE.width;
    occupied.push({ x: rightEdge + 5, y: -50, width: 10, height: 10 });
    const slot = noteSlot(NOTE_SIZE, { x: 0, y: 0 }, { occupied, borders: [] });
    expect(slot).toEqual({ x: -80 + 12 * step.x, y: -50 + step.y, ...NOTE_SIZE });
    expect(slot).toEqual(plainNoteSlot({ x: 0, y: 0 }, occupied, []));
  });

  it("freeSpotFor: of two equally near clear spots, the earlier candidate (right of a box before below it)", () => {
    const box: Rect = { x: -100, y: -100, width: 200, height: 200 };
    // Right of the box at the wanted height and below it at the wanted column are both 150 away.
    expect(freeSpotFor({ width: 100, height: 100 }, [box], { x: 0, y: 0 }, 0)).toEqual({ x: 100, y: -50, width: 100, height: 100 });
  });

  it("freeSpotFor: the nearest clear candidate, ties kept in candidate order", () => {
    const random = lcg(5);
    for (let board = 0; board < 12; board++) {
      const { occupied } = randomBoard(random, 20 + board * 40, 2000 + board * 400);
      // Whole-number boxes on a grid make equally distant candidates common.
      const near = { x: Math.round(random() * 10) * 100, y: Math.round(random() * 10) * 100 };
      expect(freeSpotFor(size, occupied, near)).toEqual(plainFreeSpot(size, occupied, near, TEMPLATE_GAP));
      expect(freeSpotFor(NOTE_SIZE, occupied, near, NOTE_GAP)).toEqual(plainFreeSpot(NOTE_SIZE, occupied, near, NOTE_GAP));
    }
  });
});
