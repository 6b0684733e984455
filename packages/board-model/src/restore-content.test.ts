import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { snapshotBoard } from "./board-snapshot";
import { diffElements, restoreContent, sameJson } from "./restore-content";
import { elementsMap, notesMap, recordsMap } from "./roots";

const stamp = { now: 1_800_000_000_000, nonce: () => 42 };

function note(id: string, x: number, extra: Record<string, unknown> = {}) {
  return { id, type: "rectangle", x, y: 10, width: 100, height: 60, version: 3, versionNonce: 1, isDeleted: false, ...extra };
}

function board(): Y.Doc {
  const doc = new Y.Doc();
  elementsMap(doc).set("a", note("a", 0));
  elementsMap(doc).set("b", note("b", 200));
  elementsMap(doc).set("c", note("c", 400));
  notesMap(doc).set("a", { urgency: "high" });
  recordsMap(doc).set("theme-1", { kind: "theme", id: "theme-1", title: "Growth" });
  return doc;
}

describe("board history: diff and restore in place", () => {
  it("counts elements added, moved, removed and changed since a snapshot", () => {
    const doc = board();
    const then = snapshotBoard(doc);
    elementsMap(doc).set("a", note("a", 50, { version: 4 }));
    elementsMap(doc).set("b", note("b", 200, { backgroundColor: "#ffc9c9", version: 4 }));
    elementsMap(doc).set("c", note("c", 400, { isDeleted: true, version: 4 }));
    elementsMap(doc).set("d", note("d", 600));
    // Only Excalidraw's bookkeeping differs: not a change.
    expect(diffElements(snapshotBoard(doc).elements, { ...then.elements })).toEqual({ added: 1, moved: 1, removed: 1, changed: 1 });
    expect(diffElements(then.elements, { ...then.elements, a: note("a", 0, { version: 9, versionNonce: 7 }) })).toEqual({ added: 0, moved: 0, removed: 0, changed: 0 });
  });

  it("counts a sticky note and its label as one, and a move out of a frame as a move only", () => {
    const doc = board();
    elementsMap(doc).set("a-label", { ...note("a-label", 5), type: "text", containerId: "a", text: "SSO" });
    elementsMap(doc).set("b-label", { ...note("b-label", 205), type: "text", containerId: "b", text: "RBAC" });
    const then = snapshotBoard(doc);
    // Note a dragged out of its frame, with its label; note b deleted with its label; c's label retyped.
    elementsMap(doc).set("a", note("a", 900, { frameId: null, version: 4 }));
    elementsMap(doc).set("a-label", { ...note("a-label", 905, { version: 4 }), type: "text", containerId: "a", text: "SSO" });
    elementsMap(doc).set("b", note("b", 200, { isDeleted: true, version: 4 }));
    elementsMap(doc).set("b-label", { ...note("b-label", 205, { isDeleted: true, version: 4 }), type: "text", containerId: "b", text: "RBAC" });
    elementsMap(doc).set("c-label", { ...note("c-label", 405), type: "text", containerId: "c", text: "Audit log" });
    expect(diffElements(snapshotBoard(doc).elements, then.elements)).toEqual({ added: 0, moved: 1, removed: 1, changed: 0 });
    elementsMap(doc).set("c-label", { ...note("c-label", 405, { version: 2 }), type: "text", containerId: "c", text: "Audit trail" });
    const withLabel = { ...then.elements, "c-label": { ...note("c-label", 405), type: "text", containerId: "c", text: "Audit log" } };
    expect(diffElements(snapshotBoard(doc).elements, withLabel)).toEqual({ added: 0, moved: 1, removed: 1, changed: 1 });
  });

  it("makes the document equal to the snapshot, versions above every copy, touching only what differs", () => {
    const doc = board();
    const then = snapshotBoard(doc);
    elementsMap(doc).set("a", note("a", 50, { version: 8 }));
    elementsMap(doc).set("c", note("c", 400, { isDeleted: true, version: 4 }));
    elementsMap(doc).set("d", note("d", 600));
    notesMap(doc).delete("a");
    recordsMap(doc).set("theme-2", { kind: "theme", id: "theme-2", title: "Cost" });

    const changedKeys: string[] = [];
    elementsMap(doc).observe((event) => changedKeys.push(...event.keysChanged));
    const count = restoreContent(doc, then, stamp);

    const now = snapshotBoard(doc);
    expect(changedKeys.sort()).toEqual(["a", "c", "d"]);
    expect(now.elements["a"]).toMatchObject({ x: 0, version: 9, versionNonce: 42, updated: stamp.now });
    expect(now.elements["c"]).toMatchObject({ isDeleted: false, version: 5 });
    // An element the snapshot lacks stays as a tombstone: clients keep elements whose key vanished.
    expect(now.elements["d"]).toMatchObject({ isDeleted: true, version: 4 });
    expect(now.elements["b"]).toEqual(then.elements["b"]);
    expect(now.notes).toEqual(then.notes);
    expect(now.records).toEqual(then.records);
    expect(count).toEqual({ written: 4, removed: 1 });
    expect(diffElements(now.elements, then.elements)).toEqual({ added: 0, moved: 0, removed: 0, changed: 0 });
    // Restoring again changes nothing.
    expect(restoreContent(doc, then, stamp)).toEqual({ written: 0, removed: 0 });
  });

  it("compares JSON structurally, whatever the key order", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
