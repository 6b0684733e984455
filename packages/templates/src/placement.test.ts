import { parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { interpretBoard } from "./interpret";
import { FixtureBoard } from "./testing/fixture-board";

function view(b: FixtureBoard) {
  return interpretBoard(parseBoard(b.snapshot));
}
function noteOf(b: FixtureBoard, id: string) {
  const n = view(b).notes.find((x) => x.id === id);
  if (!n) throw new Error(`note ${id} not found`);
  return n;
}

describe("placement", () => {
  it("RULE 1: a note is where its centre is, even when most of it lies elsewhere", () => {
    const b = new FixtureBoard();
    const t = b.addTemplate("swot", 0, 0, 800, 800);
    const id = b.addNote({ x: 390, y: 100 }, "almost on the line");
    b.element(id)["width"] = 500; // now mostly in Weaknesses, centre still in Strengths
    b.element(id)["x"] = 390 - 250;
    expect(noteOf(b, id)).toMatchObject({ templateId: t.id, zoneName: "Strengths" });
  });

  it("RULE 1: rotation does not move the centre", () => {
    const b = new FixtureBoard();
    b.addTemplate("swot", 0, 0, 800, 800);
    const id = b.addNote({ x: 395, y: 100 }, "rotated");
    b.element(id)["angle"] = Math.PI / 3;
    expect(noteOf(b, id).zoneName).toBe("Strengths");
  });

  it("RULE 2: a centre on the frame's outer edge is inside; one pixel out is unplaced", () => {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 900, 900);
    const onEdge = b.addNote({ x: 900, y: 900 }, "corner");
    const out = b.addNote({ x: 901, y: 450 }, "outside");
    expect(noteOf(b, onEdge)).toMatchObject({ zoneName: "Time Sinks", impact: 1, effort: 10 });
    expect(noteOf(b, out)).toMatchObject({ templateId: null, zoneName: null, impact: null, priority: null });
  });

  it("RULE 2: a template whose frame was deleted places nothing", () => {
    const b = new FixtureBoard();
    const t = b.addTemplate("swot", 0, 0, 800, 800);
    const id = b.addNote({ x: 100, y: 100 }, "orphan");
    b.element(t.frameId)["isDeleted"] = true;
    expect(noteOf(b, id).templateId).toBeNull();
  });

  it("RULE 3: on the vertical midline a note goes right, on the horizontal midline up", () => {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 900, 900);
    const vertical = b.addNote({ x: 450, y: 700 }, "v");
    const horizontal = b.addNote({ x: 200, y: 450 }, "h");
    const centre = b.addNote({ x: 450, y: 450 }, "c");
    expect(noteOf(b, vertical)).toMatchObject({ zoneName: "Time Sinks", effort: 5.5 });
    expect(noteOf(b, horizontal)).toMatchObject({ zoneName: "Quick Wins", impact: 5.5 });
    expect(noteOf(b, centre)).toMatchObject({ zoneName: "Big Bets", impact: 5.5, effort: 5.5 });
  });

  it("RULE 4: across overlapping frames the higher z-index wins, then the smaller area, then the id", () => {
    const b = new FixtureBoard();
    const big = b.addTemplate("swot", 0, 0, 1000, 1000);
    const small = b.addTemplate("impact-effort", 100, 100, 400, 400);
    const id = b.addNote({ x: 200, y: 200 }, "both");
    // No indices: the smaller frame wins.
    expect(noteOf(b, id).templateId).toBe(small.id);
    b.element(big.frameId)["index"] = "a2";
    b.element(small.frameId)["index"] = "a1";
    expect(noteOf(b, id).templateId).toBe(big.id);
    b.element(small.frameId)["index"] = "a2V";
    expect(noteOf(b, id).templateId).toBe(small.id);
  });

  it("RULE 6: moving or resizing the frame keeps zones and scores relative to it", () => {
    const b = new FixtureBoard();
    const t = b.addTemplate("impact-effort", 0, 0, 900, 900);
    const id = b.addNote({ x: 100, y: 100 }, "quick");
    const before = noteOf(b, id);
    const frame = b.element(t.frameId);
    frame["x"] = 5000;
    frame["y"] = -300;
    const note = b.element(id);
    note["x"] = Number(note["x"]) + 5000;
    note["y"] = Number(note["y"]) - 300;
    expect(noteOf(b, id)).toMatchObject({ zoneName: before.zoneName, impact: before.impact, effort: before.effort });
    frame["width"] = 1800; // doubled: same pixel position now reads half the effort span
    expect(noteOf(b, id)).toMatchObject({ zoneName: "Quick Wins", effort: 1.5 });
  });

  it("RULE 9: chrome, frames, lines and bound text are not notes; a shape with note data is", () => {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 900, 900);
    const sticky = b.addNote({ x: 100, y: 100 }, "sticky");
    b.addElements([
      { id: "plain-text", type: "text", x: 10, y: 10, width: 40, height: 20, text: "loose words" },
      { id: "bare-rect", type: "rectangle", x: 10, y: 10, width: 40, height: 20 },
      { id: "scored-rect", type: "rectangle", x: 10, y: 10, width: 40, height: 20 },
      { id: "arrow", type: "arrow", x: 10, y: 10, width: 40, height: 20 },
      { id: "gone", type: "text", x: 10, y: 10, width: 40, height: 20, text: "deleted", isDeleted: true },
    ]);
    b.snapshot.notes["scored-rect"] = { urgency: 3 };
    const ids = view(b).notes.map((n) => n.id).sort();
    expect(ids).toEqual([sticky, "plain-text", "scored-rect"].sort());
    expect(view(b).notes.find((n) => n.id === sticky)?.text).toBe("sticky");
  });

  it("RULE 10: the quadrants and SWOT areas carry their names", () => {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 900, 900);
    b.addTemplate("swot", 1000, 0, 800, 800);
    const at = (x: number, y: number) => noteOf(b, b.addNote({ x, y }, `${x},${y}`)).zoneName;
    expect([at(100, 100), at(800, 100), at(100, 800), at(800, 800)]).toEqual(["Quick Wins", "Big Bets", "Nice to Have", "Time Sinks"]);
    expect([at(1100, 100), at(1700, 100), at(1100, 700), at(1700, 700)]).toEqual(["Strengths", "Weaknesses", "Opportunities", "Threats"]);
  });

  it("RULE 11: theme by centre in the topmost theme frame; unthemed = in a theme map, in no theme", () => {
    const b = new FixtureBoard();
    b.addTemplate("theme-map", 0, 0, 2000, 1000);
    const t1 = b.addTheme(100, 100, 500, 500, { name: "Platform" });
    const inside = b.addNote({ x: 300, y: 300 }, "RBAC");
    const edge = b.addNote({ x: 600, y: 600 }, "on the theme's corner");
    const loose = b.addNote({ x: 1500, y: 800 }, "dark mode");
    const offMap = b.addNote({ x: 5000, y: 5000 }, "elsewhere");
    const v = view(b);
    expect(v.themes.map((t) => [t.theme.id, t.notes.map((n) => n.id).sort()])).toEqual([[t1, [inside, edge].sort()]]);
    expect(v.unthemed.map((n) => n.id)).toEqual([loose]);
    expect(v.notes.find((n) => n.id === offMap)?.themeId).toBeNull();
  });
});
