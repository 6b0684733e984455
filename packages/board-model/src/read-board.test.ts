import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type ElementMemo, elementsMap, notesMap, parseBoard, readBoard, snapshotBoard, writeRecord } from "./index";

describe("readBoard: parseBoard(snapshotBoard(doc)) for repeated reads of a live document", () => {
  it("reads what parseBoard reads, problems included", () => {
    const doc = new Y.Doc();
    elementsMap(doc).set("e1", { id: "e1", type: "rectangle", x: 0, y: 0, width: 10, height: 10 });
    elementsMap(doc).set("bad", { id: "bad", type: "rectangle" });
    notesMap(doc).set("e2", { urgency: "high" });
    writeRecord(doc, { kind: "vision", id: "vision", text: "Be the default" });
    expect(readBoard(doc, new WeakMap())).toEqual(parseBoard(snapshotBoard(doc)));
  });

  it("parses an element again only when its entry changed, and never hands out the document's object", () => {
    const doc = new Y.Doc();
    const memo: ElementMemo = new WeakMap();
    elementsMap(doc).set("a", { id: "a", type: "rectangle", x: 0, y: 0, width: 10, height: 10 });
    elementsMap(doc).set("b", { id: "b", type: "rectangle", x: 5, y: 5, width: 10, height: 10 });
    const first = readBoard(doc, memo);
    elementsMap(doc).set("b", { id: "b", type: "rectangle", x: 50, y: 5, width: 10, height: 10 });
    const second = readBoard(doc, memo);
    expect(second.elementsById.get("a")).toBe(first.elementsById.get("a"));
    expect(second.elementsById.get("b")?.x).toBe(50);
    expect(second.elementsById.get("a")).not.toBe(elementsMap(doc).get("a"));
    expect(second).toEqual(parseBoard(snapshotBoard(doc)));
  });
});
