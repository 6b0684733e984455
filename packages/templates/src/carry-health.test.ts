import { ElementLike, type HealthRecord, healthRecordId, parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { carryHealthToSwot } from "./carry-health";
import { exportCsv } from "./export-csv";
import { exportMarkdown } from "./export-markdown";
import { interpretBoard } from "./interpret";
import { FixtureBoard } from "./testing/fixture-board";

function setup() {
  const b = new FixtureBoard();
  const scorecard = b.addTemplate("health-scorecard", 0, 0, 900, 900);
  const swot = b.addTemplate("swot", 1000, 0, 800, 800);
  const record: HealthRecord = {
    kind: "health",
    id: healthRecordId(scorecard.id, "security"),
    templateId: scorecard.id,
    dimension: "security",
    rating: 2,
    evidence: "\n  No pen test since 2024  \nSecrets in CI logs",
    impact: "Blocks SOC 2",
  };
  b.addRecord(record);
  const frame = { x: 1000, y: 0, width: 800, height: 800 };
  const elements = () => parseBoard(b.snapshot).elements;
  return { b, scorecard, swot, record, frame, elements };
}

describe("carry a health dimension into the SWOT (RULE 29)", () => {
  it("makes one sticky in Weaknesses with its provenance; the brief and the CSV name it", () => {
    const { b, scorecard, swot, record, frame, elements } = setup();
    const built = carryHealthToSwot(record, scorecard, swot, frame, elements(), b.ctx);
    if (!built) throw new Error("nothing carried");
    expect(built.data).toEqual({ healthOrigin: { templateId: scorecard.id, dimension: "security", rating: 2 } });
    expect(built.elements[1]["originalText"]).toBe("Security: No pen test since 2024");
    b.addBuilt(built);
    const view = interpretBoard(parseBoard(b.snapshot));
    const note = view.notes.find((n) => n.id === built.noteId);
    expect(note).toMatchObject({ templateId: swot.id, zoneId: "weaknesses", healthOrigin: { dimension: "security", rating: 2 } });
    const md = exportMarkdown(view, { title: "t", exportedAt: new Date(0) });
    expect(md).toContain("- Security: No pen test since 2024 (from Technical health: Security 2/5)");
    expect(exportCsv(view)).toContain(",Technical health: Security 2/5,0\r\n");
  });

  it("repeated carries take the next free slot, never on top of an earlier one", () => {
    const { b, scorecard, swot, record, frame, elements } = setup();
    const rects: ElementLike[] = [];
    for (let i = 0; i < 4; i++) {
      const built = carryHealthToSwot(record, scorecard, swot, frame, elements(), b.ctx);
      if (!built) throw new Error("nothing carried");
      b.addBuilt(built);
      rects.push(ElementLike.parse(b.element(built.noteId)));
    }
    // Weaknesses is x 1400–1800: two 160 px columns fit, so the third note starts a second row
    expect(rects.map((r) => [r.x, r.y])).toEqual([
      [1424, 60],
      [1608, 60],
      [1424, 184],
      [1608, 184],
    ]);
    const view = interpretBoard(parseBoard(b.snapshot));
    expect(view.swots[0]?.items["weaknesses"]).toHaveLength(4);
  });

  it("the dimension's name alone when there is no evidence; the provenance follows the scorecard's title", () => {
    const { b, scorecard, swot, record, frame } = setup();
    const built = carryHealthToSwot({ ...record, evidence: " \n " }, scorecard, swot, frame, [], b.ctx);
    expect(built?.elements[1]["originalText"]).toBe("Security");
    if (built) b.addBuilt(built);
    const instance = b.snapshot.templates[scorecard.id];
    if (instance) instance["title"] = "Platform health";
    const md = exportMarkdown(interpretBoard(parseBoard(b.snapshot)), { title: "t", exportedAt: new Date(0) });
    expect(md).toContain("- Security (from Platform health: Security 2/5)");
  });

  it("carries nothing for an unrated dimension, another scorecard's record, or a target that is not a SWOT", () => {
    const { b, scorecard, swot, record, frame } = setup();
    const matrix = b.addTemplate("impact-effort", 0, 1000, 900, 900);
    expect(carryHealthToSwot({ ...record, rating: null }, scorecard, swot, frame, [], b.ctx)).toBeNull();
    expect(carryHealthToSwot({ ...record, templateId: "other" }, scorecard, swot, frame, [], b.ctx)).toBeNull();
    expect(carryHealthToSwot(record, scorecard, matrix, frame, [], b.ctx)).toBeNull();
    expect(carryHealthToSwot(record, swot, swot, frame, [], b.ctx)).toBeNull();
  });
});
