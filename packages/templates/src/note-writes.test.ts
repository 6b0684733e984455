import { elementsMap, writeSnapshot } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { moveNote } from "./note-writes";
import { FixtureBoard } from "./testing/fixture-board";

const stamp = { now: 1_700_000_000_000, nonce: () => 99 };

function boardWithNote(): { doc: Y.Doc; noteId: string; labelId: string } {
  const b = new FixtureBoard();
  const noteId = b.addNote({ x: 100, y: 100 }, "Ship SSO");
  const labelId = Object.keys(b.snapshot.elements).find((id) => b.element(id)["containerId"] === noteId) ?? "";
  b.element(noteId)["index"] = "a1";
  const doc = new Y.Doc();
  writeSnapshot(doc, b.snapshot);
  return { doc, noteId, labelId };
}

describe("note writes", () => {
  it("RULE 24: a note moves with its bound text, each bumped and stamped by the caller", () => {
    const { doc, noteId, labelId } = boardWithNote();
    const elements = elementsMap(doc);
    const label = structuredClone(elements.get(labelId));
    expect(moveNote(doc, noteId, { x: 500, y: 300 }, stamp)).toBe(true);
    expect(elements.get(noteId)).toMatchObject({ x: 500, y: 300, version: 2, versionNonce: 99, updated: stamp.now, index: "a1" });
    // The sticky was at (20, 50): the label moves by the same (480, 250).
    expect(elements.get(labelId)).toMatchObject({ x: Number(label?.["x"]) + 480, y: Number(label?.["y"]) + 250, versionNonce: 99 });
  });

  it("RULE 24: on top, the label just above its note; a note that is gone does not move", () => {
    const { doc, noteId, labelId } = boardWithNote();
    elementsMap(doc).set("cover", { id: "cover", type: "rectangle", index: "a9" });
    moveNote(doc, noteId, { x: 0, y: 0 }, stamp, { onTop: true });
    expect(elementsMap(doc).get(noteId)?.["index"]).toBe("a9V");
    expect(elementsMap(doc).get(labelId)?.["index"]).toBe("a9W");
    expect(moveNote(doc, "nothing", { x: 0, y: 0 }, stamp)).toBe(false);
  });
});
