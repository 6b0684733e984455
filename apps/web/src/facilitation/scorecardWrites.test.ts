import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { HEALTH_DIMENSIONS, parseBoard, readNoteData, readRecord, snapshotBoard, writeRecord } from "@quadrant/board-model";
import { type BuildContext, type ScorecardView, buildTemplate, interpretBoard } from "@quadrant/templates";
import { type Insert, insert } from "../templates/docWrites";
import { carryToSwot, saveHealth } from "./scorecardWrites";

function context(): BuildContext {
  let n = 0;
  return { newId: () => `id${++n}x`, random: () => 0.5, now: 1_800_000_000_000 };
}

/** A board with a SWOT and a scorecard, through the same builders and writer the panels use. */
function board() {
  const doc = new Y.Doc();
  const ctx = context();
  const swot = buildTemplate("swot", { x: 0, y: 0 }, { width: 1200, height: 900 }, ctx);
  const card = buildTemplate("health-scorecard", { x: 0, y: 1000 }, { width: 1200, height: 900 }, ctx);
  for (const built of [swot, card]) insert(doc, { elements: built.elements, templates: [built.instance] });
  const scorecard = (): ScorecardView => interpretBoard(parseBoard(snapshotBoard(doc))).scorecards[0]!;
  const added: Insert[] = [];
  const addNotes = (what: Insert) => {
    added.push(what);
    insert(doc, what);
  };
  return { doc, ctx, swot: swot.instance, scorecard, added, addNotes };
}

describe("the scorecard panel's writes", () => {
  it("setting one field keeps the others as the document has them now", () => {
    const { doc, scorecard } = board();
    const card = scorecard();
    saveHealth(doc, card, "security", { evidence: "two incidents" });
    // Someone else's rating arrives after this panel rendered `card`.
    const stored = readRecord(doc, `health:${card.instance.id}:security`);
    if (stored?.kind !== "health") throw new Error("the evidence was not saved");
    writeRecord(doc, { ...stored, rating: 2 });
    saveHealth(doc, card, "security", { impact: "audit at risk" });
    expect(readRecord(doc, `health:${card.instance.id}:security`)).toMatchObject({ rating: 2, evidence: "two incidents", impact: "audit at risk" });
    expect(() => saveHealth(doc, card, "security", { rating: 7 })).toThrow();
  });

  it("carries a weak dimension into the SWOT's weaknesses once, with its provenance", () => {
    const { doc, ctx, swot, scorecard, added, addNotes } = board();
    saveHealth(doc, scorecard(), "security", { rating: 2, evidence: "no pen test" });
    expect(carryToSwot(doc, addNotes, swot, scorecard(), "security", ctx)).toBe(true);
    expect(carryToSwot(doc, addNotes, swot, scorecard(), "security", ctx)).toBe(false);
    expect(added).toHaveLength(1);
    const noteId = added[0]!.notes![0]!.id;
    expect(readNoteData(doc, noteId).healthOrigin).toEqual({ templateId: scorecard().instance.id, dimension: "security", rating: 2 });
    const placed = interpretBoard(parseBoard(snapshotBoard(doc))).notes.find((n) => n.id === noteId);
    expect(placed).toMatchObject({ templateId: swot.id, zoneId: "weaknesses", text: "Security: no pen test" });
  });

  it("an unrated dimension is not carried", () => {
    const { doc, ctx, swot, scorecard, added, addNotes } = board();
    expect(HEALTH_DIMENSIONS.map((d) => carryToSwot(doc, addNotes, swot, scorecard(), d, ctx))).toEqual(HEALTH_DIMENSIONS.map(() => false));
    expect(added).toEqual([]);
  });
});
