import { type ElementLike, parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { buildTemplate } from "./builders";
import { carryToMatrix } from "./carry";
import { interpretBoard } from "./interpret";
import { NOTE_SIZE } from "./notes";
import { THEME_PADDING, themeFromSelection } from "./themes";
import { FixtureBoard, testContext } from "./testing/fixture-board";

const el = (id: string, x: number, y: number, width: number, height: number, angle = 0): ElementLike => ({
  id,
  type: "rectangle",
  x,
  y,
  width,
  height,
  angle,
});

describe("builders", () => {
  it("build a locked frame with locked chrome and frame-relative zones", () => {
    const built = buildTemplate("impact-effort", { x: 10, y: 20 }, { width: 900, height: 600 }, testContext());
    const [frame, ...children] = built.elements;
    expect(frame).toMatchObject({ type: "frame", id: built.instance.frameId, x: 10, y: 20, width: 900, height: 600, locked: true, name: "Impact / Effort" });
    expect(children.every((c) => c["locked"] === true && c["frameId"] === built.instance.frameId)).toBe(true);
    expect(children.filter((c) => c["type"] === "line")).toHaveLength(2);
    expect(children.filter((c) => c["type"] === "text").map((c) => c["text"])).toEqual(
      expect.arrayContaining(["Quick Wins", "Big Bets", "Nice to Have", "Time Sinks"]),
    );
    expect(built.instance.zones.every((z) => z.x >= 0 && z.x + z.width <= 1 && z.y + z.height <= 1)).toBe(true);
  });

  it("template chrome (zone labels) is never read as a note", () => {
    const b = new FixtureBoard();
    b.addTemplate("swot", 0, 0, 800, 800);
    b.addTemplate("theme-map", 0, 1000, 800, 800);
    expect(interpretBoard(parseBoard(b.snapshot)).notes).toEqual([]);
  });
});

describe("themes", () => {
  it("RULE 15: a theme from the selection frames its bounds plus padding", () => {
    const built = themeFromSelection([el("a", 100, 100, 160, 100), el("b", 400, 300, 160, 100)], "Platform", testContext());
    expect(built?.frame).toMatchObject({
      type: "frame",
      name: "Platform",
      x: 100 - THEME_PADDING,
      y: 100 - THEME_PADDING,
      width: 460 + 2 * THEME_PADDING,
      height: 300 + 2 * THEME_PADDING,
      locked: false,
    });
    expect(built?.record).toMatchObject({ kind: "theme", name: "Platform", frameId: built?.frame["id"] });
  });

  it("RULE 15: rotated elements count with their rotated bounds; empty selection makes nothing", () => {
    const built = themeFromSelection([el("a", 0, 0, 200, 100, Math.PI / 2)], "T", testContext());
    expect(built?.frame["width"]).toBeCloseTo(100 + 2 * THEME_PADDING);
    expect(built?.frame["height"]).toBeCloseTo(200 + 2 * THEME_PADDING);
    expect(themeFromSelection([], "T", testContext())).toBeNull();
  });

  it("RULE 15 + 11: the selected notes belong to the new theme", () => {
    const b = new FixtureBoard();
    b.addTemplate("theme-map", 0, 0, 2000, 1000);
    const a = b.addNote({ x: 300, y: 300 }, "A");
    const c = b.addNote({ x: 600, y: 500 }, "C");
    const selected = parseBoard(b.snapshot).elements.filter((e) => e.id === a || e.id === c);
    const built = themeFromSelection(selected, "New theme", b.ctx);
    if (!built) throw new Error("no theme");
    b.addElements([built.frame]);
    b.snapshot.records[built.record.id] = { ...built.record };
    const v = interpretBoard(parseBoard(b.snapshot));
    expect(v.themes[0]?.notes.map((n) => n.id).sort()).toEqual([a, c].sort());
    expect(v.unthemed).toEqual([]);
  });
});

describe("carry", () => {
  it("RULE 16: carried items become new unplaced notes beside the matrix, remembering their origin", () => {
    const b = new FixtureBoard();
    const matrix = b.addTemplate("impact-effort", 0, 0, 900, 900);
    const swot = b.addTemplate("swot", 1200, 0, 800, 800);
    const s = b.addNote({ x: 1400, y: 200 }, "Loyal customers", { author: "Ann" });
    const t = b.addNote({ x: 1800, y: 600 }, "New competitor");
    const v = interpretBoard(parseBoard(b.snapshot));
    const sources = v.notes.filter((n) => n.id === s || n.id === t);
    const frame = parseBoard(b.snapshot).elementsById.get(matrix.frameId);
    if (!frame) throw new Error("no frame");
    const carried = carryToMatrix(sources, frame, parseBoard(b.snapshot).elements, b.ctx);
    expect(carried.map((c) => c.data)).toEqual([
      { origin: { templateId: swot.id, templateKind: "swot", label: "Strengths", noteId: s }, author: "Ann" },
      { origin: { templateId: swot.id, templateKind: "swot", label: "Threats", noteId: t } },
    ]);
    for (const c of carried) {
      b.addElements(c.elements);
      b.snapshot.notes[c.noteId] = { ...c.data };
    }
    const after = interpretBoard(parseBoard(b.snapshot));
    const news = after.notes.filter((n) => carried.some((c) => c.noteId === n.id));
    expect(news.map((n) => [n.text, n.templateId])).toEqual([
      ["Loyal customers", null],
      ["New competitor", null],
    ]);
    // the source notes stay in the SWOT
    expect(after.notes.find((n) => n.id === s)?.zoneName).toBe("Strengths");
    // a second carry parks below the first
    const again = carryToMatrix(sources.slice(0, 1), frame, parseBoard(b.snapshot).elements, b.ctx);
    const lastY = Math.max(...carried.map((c) => Number(c.elements[0]["y"])));
    expect(Number(again[0]?.elements[0]["y"])).toBeGreaterThanOrEqual(lastY + NOTE_SIZE.height);
  });
});
