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
