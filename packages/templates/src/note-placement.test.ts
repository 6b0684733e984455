import { parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { noteObstacles, overlaps } from "./free-space";
import { isToBePlaced, notesToBePlaced } from "./frames";
import type { Rect } from "./geometry";
import { placeQuickNote } from "./note-placement";
import { NOTE_SIZE } from "./notes";
import { FixtureBoard } from "./testing/fixture-board";
import { zoneAreaAt, zoneAreas } from "./zone-areas";

function swotAndMatrix() {
  const b = new FixtureBoard();
  const matrix = b.addTemplate("impact-effort", 0, 0, 1200, 900);
  const swot = b.addTemplate("swot", 1400, 0, 1200, 900);
  return { b, matrix, swot };
}

const inside = (r: Rect, a: Rect) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;

describe("RULE 32: a quick note places itself", () => {
  it("a targeted SWOT zone: 9 notes in a row land inside it, apart, clear of its label and borders; the 10th goes outside, not on top", () => {
    const { b } = swotAndMatrix();
    const board = parseBoard(b.snapshot);
    const threats = zoneAreas(board.elements, board.templates).find((z) => z.zone.id === "threats")!;
    const swotFrame = { x: 1400, y: 0, width: 1200, height: 900 };
    const { occupied, borders } = noteObstacles(board.elements, board.templates);
    const placed: Rect[] = [];
    for (let i = 0; i < 10; i++) placed.push(placeQuickNote(NOTE_SIZE, { kind: "zone", area: threats.rect, frame: swotFrame }, { occupied: [...occupied, ...placed], borders }));
    for (const [i, a] of placed.entries()) {
      for (const other of placed.slice(i + 1)) expect(overlaps(a, other)).toBe(false);
      for (const line of borders) expect(overlaps(a, line)).toBe(false);
      for (const box of occupied) expect(overlaps(a, box)).toBe(false);
    }
    expect(placed.slice(0, 9).every((r) => inside(r, threats.rect))).toBe(true);
    // the 10th: outside the whole SWOT (not in a neighbouring zone), so it is to be placed
    expect(overlaps(placed[9]!, swotFrame)).toBe(false);
    // the first sits at the zone's middle: a neutral spot in it
    expect(placed[0]!.x + NOTE_SIZE.width / 2).toBeCloseTo(threats.rect.x + threats.rect.width / 2);
  });

  it("a matrix quadrant: the note's centre reads as that quadrant (RULES 1–3)", () => {
    const { b } = swotAndMatrix();
    const board = parseBoard(b.snapshot);
    for (const area of zoneAreas(board.elements, board.templates)) {
      const frame = area.rect; // only used when the zone is full
      const slot = placeQuickNote(NOTE_SIZE, { kind: "zone", area: area.rect, frame }, noteObstacles(board.elements, board.templates));
      const hit = zoneAreaAt(board.elements, board.templates, { x: slot.x + slot.width / 2, y: slot.y + slot.height / 2 });
      expect([hit?.templateId, hit?.zone.id]).toEqual([area.templateId, area.zone.id]);
    }
  });

  it("beside a selection: just right of it, inside the selection's zone, and when that side is full the nearest free slot in the zone", () => {
    const { b } = swotAndMatrix();
    b.addNote({ x: 1500, y: 600 }, "selected");
    const board = parseBoard(b.snapshot);
    const zone = zoneAreaAt(board.elements, board.templates, { x: 1500, y: 600 })!;
    expect(zone.zone.id).toBe("opportunities");
    const selection = { x: 1420, y: 550, width: 160, height: 100 };
    const obstacles = noteObstacles(board.elements, board.templates);
    const first = placeQuickNote(NOTE_SIZE, { kind: "beside", selection, zone: { area: zone.rect, frame: zone.rect } }, obstacles);
    expect(first.y).toBe(550);
    expect(first.x).toBeGreaterThan(1580);
    expect(inside(first, zone.rect)).toBe(true);
    const placed: Rect[] = [first];
    for (let i = 0; i < 4; i++) {
      const next = placeQuickNote(NOTE_SIZE, { kind: "beside", selection, zone: { area: zone.rect, frame: zone.rect } }, { ...obstacles, occupied: [...obstacles.occupied, ...placed] });
      expect(inside(next, zone.rect)).toBe(true);
      for (const p of placed) expect(overlaps(next, p)).toBe(false);
      placed.push(next);
    }
  });

  it("nothing targeted: the free slot nearest the view's middle (noteSlot)", () => {
    const slot = placeQuickNote(NOTE_SIZE, { kind: "view", centre: { x: 5000, y: 5000 } }, { occupied: [], borders: [] });
    expect(slot).toEqual({ x: 4920, y: 4950, width: 160, height: 100 });
  });
});

describe("RULE 33: notes outside every frame are to be placed", () => {
  it("a note in a zone, in a theme or in a plain frame is placed; one outside all of them is not", () => {
    const { b } = swotAndMatrix();
    const inZone = b.addNote({ x: 300, y: 250 }, "in Quick Wins");
    const outside = b.addNote({ x: -600, y: 100 }, "loose");
    b.addTheme(3000, 0, 400, 400, { name: "Platform" });
    const inTheme = b.addNote({ x: 3200, y: 200 }, "themed");
    const board = parseBoard(b.snapshot);
    const byId = new Map(board.elements.map((e) => [e.id, e]));
    expect(isToBePlaced(board.elements, byId.get(inZone)!)).toBe(false);
    expect(isToBePlaced(board.elements, byId.get(inTheme)!)).toBe(false);
    expect(isToBePlaced(board.elements, byId.get(outside)!)).toBe(true);
    expect(notesToBePlaced(board.elements, (id) => id in board.notes)).toEqual([outside]);
  });

  it("a board without any frame is free-form: nothing is to be placed", () => {
    const b = new FixtureBoard();
    b.addNote({ x: 0, y: 0 }, "brainstorm");
    const board = parseBoard(b.snapshot);
    expect(notesToBePlaced(board.elements, () => false)).toEqual([]);
  });

  it("a note dragged onto a frame's edge is placed (the frame's area is closed, RULE 2)", () => {
    const { b } = swotAndMatrix();
    const onEdge = b.addNote({ x: 0, y: 450 }, "edge");
    const board = parseBoard(b.snapshot);
    expect(notesToBePlaced(board.elements, () => false)).not.toContain(onEdge);
  });
});
