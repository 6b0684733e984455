import { parseBoard } from "@quadrant/board-model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centreOf } from "./geometry";
import { interpretBoard } from "./interpret";
import { moveForScores } from "./move";
import { DEFAULT_RISK, DEFAULT_URGENCY, positionFromScores, priorityOf, round1, scoresFromPosition } from "./scores";
import { FixtureBoard } from "./testing/fixture-board";

const frame = { x: 0, y: 0, width: 900, height: 900 };

describe("scores", () => {
  it("RULE 8: priority = 2·impact + urgency − 0.5·effort − risk (9, 8, 5, 6 → 17.5)", () => {
    expect(priorityOf({ impact: 9, urgency: 8, effort: 5, risk: 6 })).toBe(17.5);
    expect(priorityOf({ impact: 1, urgency: 1, effort: 10, risk: 10 })).toBe(-12);
    expect(priorityOf({ impact: 4.1, urgency: 5, effort: 4.1, risk: 5 })).toBe(6.15);
  });

  it("RULE 6: impact 1 at the bottom, 10 at the top; effort 1 at the left, 10 at the right", () => {
    expect(scoresFromPosition(frame, { x: 0, y: 900 })).toEqual({ impact: 1, effort: 1 });
    expect(scoresFromPosition(frame, { x: 900, y: 0 })).toEqual({ impact: 10, effort: 10 });
    expect(scoresFromPosition(frame, { x: 400, y: 100 })).toEqual({ impact: 9, effort: 5 });
  });

  it("RULE 6: scores round to one decimal, half away from zero, without binary drift", () => {
    expect(round1(4.149)).toBe(4.1);
    expect(round1(1 + 9 * 0.35)).toBe(4.2); // 4.1499999… in binary
    expect(round1(4.15)).toBe(4.2);
    expect(scoresFromPosition(frame, { x: 315, y: 900 - 315 })).toEqual({ impact: 4.2, effort: 4.2 }); // 1 + 3.15
    expect(scoresFromPosition(frame, { x: 123.4, y: 0 }).effort).toBe(2.2);
  });

  it("RULE 6: scores clamp to 1–10 (a centre on the frame's edge reads the end of the scale)", () => {
    expect(scoresFromPosition(frame, { x: 900, y: 900 })).toEqual({ impact: 1, effort: 10 });
  });

  it("RULE 5: urgency and risk default to 5 when nobody set them", () => {
    const b = new FixtureBoard();
    const t = b.addTemplate("impact-effort", 0, 0, 900, 900);
    const id = b.addScored(t, 9, 5, "unscored");
    const n = interpretBoard(parseBoard(b.snapshot)).notes.find((x) => x.id === id);
    expect(n).toMatchObject({ urgency: DEFAULT_URGENCY, risk: DEFAULT_RISK, priority: 18 + 5 - 2.5 - 5 });
  });

  it("RULE 7: editing scores in the panel moves the note to where they read back", () => {
    const at = moveForScores({ width: 160, height: 100 }, { x: 1000, y: 500, width: 900, height: 900 }, { impact: 9, effort: 5 });
    expect(at).toEqual({ x: 1000 + 400 - 80, y: 500 + 100 - 50 });
  });

  it("RULE 7 (property): position ↔ score round trip for one-decimal scores on any frame", () => {
    const score = fc.integer({ min: 10, max: 100 }).map((n) => n / 10);
    const rect = fc.record({
      x: fc.integer({ min: -100_000, max: 100_000 }),
      y: fc.integer({ min: -100_000, max: 100_000 }),
      width: fc.integer({ min: 90, max: 20_000 }),
      height: fc.integer({ min: 90, max: 20_000 }),
    });
    fc.assert(
      fc.property(rect, score, score, (r, impact, effort) => {
        expect(scoresFromPosition(r, positionFromScores(r, { impact, effort }))).toEqual({ impact, effort });
      }),
    );
  });

  it("RULE 1/6 (property): moving a note and moving it back restores its zone, scores and priority", () => {
    const b = new FixtureBoard();
    const t = b.addTemplate("impact-effort", 0, 0, 900, 900);
    const id = b.addNote({ x: 0, y: 0 }, "mover", { urgency: 7, risk: 3 });
    const note = b.element(id);
    const read = () => {
      const n = interpretBoard(parseBoard(b.snapshot)).notes.find((x) => x.id === id);
      return n && { zone: n.zoneName, impact: n.impact, effort: n.effort, priority: n.priority, template: n.templateId };
    };
    const coord = fc.double({ min: -500, max: 1400, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, (x0, y0, dx, dy) => {
        note["x"] = x0;
        note["y"] = y0;
        const before = read();
        note["x"] = x0 + dx;
        note["y"] = y0 + dy;
        read();
        note["x"] = x0;
        note["y"] = y0;
        expect(read()).toEqual(before);
      }),
    );
    expect(t.kind).toBe("impact-effort");
  });

  it("RULE 7 (property): moveForScores puts the note's centre where the scores read back", () => {
    const score = fc.integer({ min: 10, max: 100 }).map((n) => n / 10);
    fc.assert(
      fc.property(score, score, fc.integer({ min: 20, max: 400 }), (impact, effort, w) => {
        const pos = moveForScores({ width: w, height: w / 2 }, frame, { impact, effort });
        const c = centreOf({ ...pos, width: w, height: w / 2 });
        expect(scoresFromPosition(frame, c)).toEqual({ impact, effort });
      }),
    );
  });
});
