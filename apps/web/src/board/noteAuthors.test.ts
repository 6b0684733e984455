import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap } from "@quadrant/board-model";
import { buildStickyNote, buildTemplate } from "@quadrant/templates";
import { testContext } from "@quadrant/templates/testing";
import { type HeldElementsSource, NoteAuthors, type PendingStore } from "./noteAuthors";

const memoryStore = (initial: string[] = []): PendingStore & { ids: string[] } => {
  const store = { ids: initial, load: () => store.ids, save: (ids: readonly string[]) => void (store.ids = [...ids]) };
  return store;
};

function writeElements(doc: Y.Doc, elements: readonly JsonObject[]): void {
  doc.transact(() => {
    for (const e of elements) elementsMap(doc).set(String(e["id"]), { ...e });
  });
}

/** An update applied from elsewhere (the server's reveal, another browser): not a local transaction. */
function remote(from: Y.Doc, to: Y.Doc, change: (doc: Y.Doc) => void): void {
  const before = Y.encodeStateVector(from);
  change(from);
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, before));
}

const text = (id: string, extra: JsonObject = {}): JsonObject => ({ id, type: "text", x: 0, y: 0, width: 10, height: 10, text: "t", isDeleted: false, ...extra });
const shape = (id: string, type: string, extra: JsonObject = {}): JsonObject => ({ id, type, x: 0, y: 0, width: 10, height: 10, isDeleted: false, ...extra });

describe("NoteAuthors: every note made here carries its creator's name", () => {
  it("signs a note typed on the canvas (free text) and a shape once text is bound to it", () => {
    const doc = new Y.Doc();
    new NoteAuthors(doc, "Ann", memoryStore()).start();
    writeElements(doc, [text("free")]);
    expect(notesMap(doc).get("free")).toEqual({ author: "Ann" });
    writeElements(doc, [shape("box", "rectangle")]);
    // a bare rectangle is not a note: note data would make it one (RULE 9)
    expect(notesMap(doc).has("box")).toBe(false);
    writeElements(doc, [text("label", { containerId: "box" })]);
    expect(notesMap(doc).get("box")).toEqual({ author: "Ann" });
    expect(notesMap(doc).has("label")).toBe(false);
  });

  it("leaves arrows' labels, template chrome and notes that already have an author alone", () => {
    const doc = new Y.Doc();
    new NoteAuthors(doc, "Ann", memoryStore()).start();
    writeElements(doc, [shape("arrow", "arrow"), text("arrow-label", { containerId: "arrow" })]);
    const template = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 800, height: 800 }, testContext());
    writeElements(doc, template.elements);
    expect(notesMap(doc).size).toBe(0);
    notesMap(doc).set("mine", { author: "Zed", urgency: 3 });
    writeElements(doc, [text("mine")]);
    expect(notesMap(doc).get("mine")).toEqual({ author: "Zed", urgency: 3 });
  });

  it("signs only local adds: another person's new note is theirs to sign", () => {
    const theirs = new Y.Doc();
    const mine = new Y.Doc();
    new NoteAuthors(mine, "Ann", memoryStore()).start();
    remote(theirs, mine, (d) => writeElements(d, [text("their-note")]));
    expect(notesMap(mine).has("their-note")).toBe(false);
  });

  it("a held note is signed when the reveal brings it into the document, not before", () => {
    const server = new Y.Doc();
    const mine = new Y.Doc();
    const store = memoryStore();
    const authors = new NoteAuthors(mine, "Ann", store);
    authors.start();
    const note = buildStickyNote({ x: 0, y: 0 }, "secret", {}, testContext());
    let listener: ((view: { brainstorm: { mine: readonly JsonObject[] } }) => void) | null = null;
    const control: HeldElementsSource = { view: { brainstorm: { mine: [] } }, onView: (fn) => ((listener = fn), () => undefined) };
    authors.follow(control);
    listener!({ brainstorm: { mine: note.elements } });
    expect(notesMap(mine).size).toBe(0);
    remote(server, mine, (d) => writeElements(d, note.elements));
    expect(notesMap(mine).get(note.noteId)).toEqual({ author: "Ann" });
    expect(store.ids).toEqual([]);
  });

  it("a reveal that happened while the page was closed is signed when the person comes back", () => {
    const doc = new Y.Doc();
    writeElements(doc, [text("revealed-while-away")]);
    new NoteAuthors(doc, "Ann", memoryStore(["revealed-while-away"])).start();
    expect(notesMap(doc).get("revealed-while-away")).toEqual({ author: "Ann" });
  });
});
