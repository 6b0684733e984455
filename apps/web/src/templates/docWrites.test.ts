import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap, parseBoard, snapshotBoard } from "@quadrant/board-model";
import { buildStickyNote, buildTemplate, interpretBoard, moveForScores } from "@quadrant/templates";
import { browserContext, frameRect, insert, moveNote, randomId } from "./docWrites";

describe("template document writes", () => {
  it("moving a note by its scores moves its bound text too and bumps versions", () => {
    const doc = new Y.Doc();
    const matrix = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 900, height: 900 }, browserContext());
    const note = buildStickyNote({ x: 700, y: 700 }, "Ship SSO", {}, browserContext());
    insert(doc, { elements: [...matrix.elements, ...note.elements], templates: [matrix.instance] });
    const frame = frameRect(doc, matrix.instance.frameId);
    if (!frame) throw new Error("no frame");
    const [rect, label] = note.elements;
    const before = { note: structuredClone(elementsMap(doc).get(note.noteId)), text: structuredClone(elementsMap(doc).get(String(label["id"]))) };
    moveNote(doc, note.noteId, moveForScores({ width: Number(rect["width"]), height: Number(rect["height"]) }, frame, { impact: 9, effort: 2 }));
    const after = interpretBoard(parseBoard(snapshotBoard(doc))).notes.find((n) => n.id === note.noteId);
    expect(after).toMatchObject({ zoneName: "Quick Wins", impact: 9, effort: 2 });
    const movedNote = elementsMap(doc).get(note.noteId);
    const movedText = elementsMap(doc).get(String(label["id"]));
    const dx = Number(movedNote?.["x"]) - Number(before.note?.["x"]);
    expect(Number(movedText?.["x"]) - Number(before.text?.["x"])).toBeCloseTo(dx);
    expect(movedNote?.["version"]).toBe(Number(before.note?.["version"]) + 1);
    expect(movedText?.["version"]).toBe(Number(before.text?.["version"]) + 1);
  });

  it("random ids look like Excalidraw's", () => {
    expect(randomId()).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(randomId()).not.toBe(randomId());
  });
});
