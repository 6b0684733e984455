import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap, parseBoard, readRecord, snapshotBoard, writeRecord, writeSnapshot, writeTemplate } from "@quadrant/board-model";
import { centreOf, interpretBoard } from "@quadrant/templates";
import { overlappingFrames } from "@quadrant/templates/testing";
import { applyDocEffect, boardContext, notesInFrame } from "./board-doc";

function docOf(fixture: ReturnType<typeof overlappingFrames>): Y.Doc {
  const doc = new Y.Doc();
  writeSnapshot(doc, fixture.board.snapshot);
  return doc;
}

describe("board-doc: the server reads notes and frames by the rules of @quadrant/templates", () => {
  it("RULE 23: a note under two template frames belongs to the topmost, the one the panel places it in", () => {
    const fixture = overlappingFrames();
    const doc = docOf(fixture);
    expect(notesInFrame(doc, fixture.holder.frameId)).toEqual([fixture.noteId]);
    expect(notesInFrame(doc, fixture.under.frameId)).toEqual([]);
    // The panel's reading of the same document (apps/web sceneHelpers.test.ts runs the client's).
    const placed = interpretBoard(parseBoard(snapshotBoard(doc))).notes.find((n) => n.id === fixture.noteId);
    expect(placed?.templateId).toBe(fixture.holder.id);
  });

  it("RULE 7/24: an accepted score moves the note within the frame holding it, on top, stamped by the caller", () => {
    const fixture = overlappingFrames();
    const doc = docOf(fixture);
    const applied = applyDocEffect(doc, { kind: "move-note", noteId: fixture.noteId, impact: 5.5, effort: 5.5 }, () => 7, 1234);
    expect(applied).toBe(true);
    const note = elementsMap(doc).get(fixture.noteId);
    // The middle of the SWOT (400..1200), not of the matrix under it (0..600).
    expect(centreOf(note as { x: number; y: number; width: number; height: number })).toEqual({ x: 800, y: 800 });
    expect(note).toMatchObject({ index: "a2V", versionNonce: 7, updated: 1234 });
  });

  it("RULE 9: a frame lock leaves notes movable and locks the rest of its children", () => {
    const doc = new Y.Doc();
    const elements = elementsMap(doc);
    elements.set("f", { id: "f", type: "frame", x: 0, y: 0, width: 500, height: 500 });
    elements.set("sticky", { id: "sticky", type: "rectangle", x: 10, y: 10, width: 50, height: 50, frameId: "f", customData: { quadrant: { role: "note" } } });
    elements.set("arrow", { id: "arrow", type: "arrow", x: 10, y: 10, width: 50, height: 50, frameId: "f" });
    // Not a note by RULE 9: a bare shape with no text and no note data.
    elements.set("box", { id: "box", type: "rectangle", x: 10, y: 10, width: 50, height: 50, frameId: "f" });
    expect(applyDocEffect(doc, { kind: "set-frame-locked", frameId: "f", locked: true }, () => 1, 1)).toBe(true);
    expect(["f", "sticky", "arrow", "box"].map((id) => elements.get(id)?.locked === true)).toEqual([true, false, true, true]);
  });

  it("an accepted rating sets the dimension's rating and keeps its evidence and impact; only on a scorecard", () => {
    const doc = new Y.Doc();
    writeTemplate(doc, { id: "card", kind: "health-scorecard", frameId: "cardFrame", title: "Technical health", zones: [], createdAt: 1 });
    writeTemplate(doc, { id: "swot", kind: "swot", frameId: "swotFrame", title: "SWOT", zones: [], createdAt: 1 });
    const context = boardContext(doc);
    expect([context.isScorecard("card"), context.isScorecard("swot"), context.isScorecard("gone")]).toEqual([true, false, false]);
    writeRecord(doc, {
      kind: "health",
      id: "health:card:security",
      templateId: "card",
      dimension: "security",
      rating: 4,
      evidence: "two incidents",
      impact: "audit at risk",
    });
    const rate = (templateId: string, dimension: "security" | "scalability", rating: number) =>
      applyDocEffect(doc, { kind: "set-health-rating", templateId, dimension, rating }, () => 1, 1);
    expect(rate("card", "security", 2)).toBe(true);
    expect(readRecord(doc, "health:card:security")).toEqual({
      kind: "health",
      id: "health:card:security",
      templateId: "card",
      dimension: "security",
      rating: 2,
      evidence: "two incidents",
      impact: "audit at risk",
    });
    expect(rate("card", "scalability", 5)).toBe(true);
    expect(readRecord(doc, "health:card:scalability")).toMatchObject({ rating: 5, evidence: "", impact: "" });
    expect(rate("swot", "security", 1)).toBe(false);
    expect(readRecord(doc, "health:swot:security")).toBeNull();
  });
});
