import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type ElementMemo, elementsMap, notesMap, parseBoard, readBoard, snapshotBoard, warmElements, writeRecord } from "./index";

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

  it("warmElements parses ahead in slices: stops when told, resumes where it stopped, and readBoard then parses nothing", () => {
    const doc = new Y.Doc();
    const memo: ElementMemo = new WeakMap();
    for (let i = 0; i < 5; i++) elementsMap(doc).set(`e${i}`, { id: `e${i}`, type: "rectangle", x: i, y: 0, width: 10, height: 10 });
    let allowed = 2;
    expect(warmElements(doc, memo, () => allowed-- > 0)).toBe(false);
    expect([...elementsMap(doc).values()].filter((v) => memo.has(v))).toHaveLength(2);
    allowed = 3;
    expect(warmElements(doc, memo, () => allowed-- > 0)).toBe(true);
    const parsed = new Map([...elementsMap(doc).entries()].map(([k, v]) => [k, memo.get(v)]));
    const board = readBoard(doc, memo);
    for (const [key, r] of parsed) expect(r && "element" in r ? r.element : null).toBe(board.elementsById.get(key));
    expect(board).toEqual(parseBoard(snapshotBoard(doc)));
  });
});
