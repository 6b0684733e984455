import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap, insertContent, notesMap, patchElement, readElements, templatesMap, topIndex } from "./index";

const stamp = { now: 1_700_000_000_000, nonce: () => 42 };

describe("board-model element writes", () => {
  it("patches an element the way Excalidraw does, with the caller's clock and nonce", () => {
    const doc = new Y.Doc();
    elementsMap(doc).set("e1", { id: "e1", type: "text", x: 0, y: 0, width: 1, height: 1, version: 3 });
    expect(patchElement(doc, "e1", { x: 5 }, stamp)).toBe(true);
    expect(elementsMap(doc).get("e1")).toMatchObject({ x: 5, version: 4, versionNonce: 42, updated: stamp.now });
    expect(patchElement(doc, "missing", { x: 5 }, stamp)).toBe(false);
  });

  it("inserts content whole; an element already there is left alone; bad structured data writes nothing", () => {
    const doc = new Y.Doc();
    elementsMap(doc).set("kept", { id: "kept", type: "text", x: 1, y: 1, width: 1, height: 1 });
    insertContent(doc, {
      elements: [{ id: "kept", type: "text", x: 9 }, { id: "new", type: "rectangle", x: 0, y: 0, width: 2, height: 2 }],
      notes: [{ id: "new", data: { urgency: 7 } }],
    });
    expect(elementsMap(doc).get("kept")?.["x"]).toBe(1);
    expect(readElements(doc).map((e) => e.id).sort()).toEqual(["kept", "new"]);
    expect(notesMap(doc).get("new")).toEqual({ urgency: 7 });

    const template = { id: "t", kind: "swot" as const, frameId: "f", title: "", zones: [], createdAt: 0 };
    expect(() =>
      insertContent(doc, { elements: [{ id: "orphan", type: "text" }], templates: [template], notes: [{ id: "x", data: { risk: 11 } }] }),
    ).toThrow();
    expect(elementsMap(doc).has("orphan")).toBe(false);
    expect(templatesMap(doc).has("t")).toBe(false);
  });

  it("finds the top of the z-order", () => {
    const doc = new Y.Doc();
    expect(topIndex(doc)).toBeNull();
    elementsMap(doc).set("a", { id: "a", index: "a1" });
    elementsMap(doc).set("b", { id: "b", index: "a5" });
    expect(topIndex(doc)).toBe("a5");
  });
});
