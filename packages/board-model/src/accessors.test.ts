import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  elementsMap,
  notesMap,
  parseBoard,
  readNoteData,
  snapshotBoard,
  updateNoteData,
  writeRecord,
  writeSnapshot,
  writeTemplate,
} from "./index";

describe("board-model accessors", () => {
  it("merges note data and removes fields patched with undefined", () => {
    const doc = new Y.Doc();
    updateNoteData(doc, "n1", { urgency: 8, author: "Ann" });
    updateNoteData(doc, "n1", { risk: 6, author: undefined });
    expect(readNoteData(doc, "n1")).toEqual({ urgency: 8, risk: 6 });
  });

  it("rejects out-of-range scores and unknown fields on write", () => {
    const doc = new Y.Doc();
    expect(() => updateNoteData(doc, "n1", { urgency: 11 })).toThrow();
    expect(() =>
      writeTemplate(doc, {
        id: "t",
        kind: "swot",
        frameId: "f",
        title: "",
        zones: [],
        createdAt: 0,
        // @ts-expect-error: unknown fields must not reach the document
        colour: "red",
      }),
    ).toThrow(/colour/);
  });

  it("snapshots, parses and reports entries that fail their schema", () => {
    const doc = new Y.Doc();
    elementsMap(doc).set("e1", { id: "e1", type: "rectangle", x: 0, y: 0, width: 10, height: 10 });
    elementsMap(doc).set("bad", { id: "bad", type: "rectangle" });
    notesMap(doc).set("e1", { urgency: 3 });
    notesMap(doc).set("e2", { urgency: "high" });
    writeRecord(doc, { kind: "vision", id: "vision", text: "Be the default" });
    const parsed = parseBoard(snapshotBoard(doc));
    expect(parsed.elements.map((e) => e.id)).toEqual(["e1"]);
    expect(parsed.notes.get("e1")).toEqual({ urgency: 3 });
    expect(parsed.records).toEqual([{ kind: "vision", id: "vision", text: "Be the default" }]);
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems.join("\n")).toMatch(/elements\/bad: x/);
    expect(parsed.problems.join("\n")).toMatch(/notes\/e2: urgency/);
  });

  it("round-trips a snapshot through a fresh doc, and snapshots are copies", () => {
    const doc = new Y.Doc();
    elementsMap(doc).set("e1", { id: "e1", type: "text", x: 1, y: 2, width: 3, height: 4, text: "hi" });
    const snap = snapshotBoard(doc);
    (snap.elements["e1"] as { x: number }).x = 99;
    expect(elementsMap(doc).get("e1")?.["x"]).toBe(1);
    const copy = new Y.Doc();
    writeSnapshot(copy, snapshotBoard(doc));
    expect(snapshotBoard(copy)).toEqual(snapshotBoard(doc));
  });
});
