import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap } from "@quadrant/board-model";
import { buildStickyNote } from "@quadrant/templates";
import { testContext } from "@quadrant/templates/testing";
import type { PrivateNotesRouter } from "../facilitation/privateNotes";
import { BoardWriter } from "./boardWriter";
import { NoteAuthors, type PendingStore } from "./noteAuthors";

/** Just the router's `hold`: true (held) while the private brainstorm is on. */
function router(on: boolean, held: JsonObject[]): PrivateNotesRouter {
  return { hold: (elements: readonly JsonObject[]) => (on ? (held.push(...elements), true) : false) } as unknown as PrivateNotesRouter;
}

const memoryStore = (): PendingStore & { ids: string[] } => {
  const store = { ids: [] as string[], load: () => store.ids, save: (ids: readonly string[]) => void (store.ids = [...ids]) };
  return store;
};

describe("BoardWriter (the web's one way to add notes)", () => {
  it("during a private brainstorm a note's elements are held and only its data reaches the document, without its author", () => {
    const doc = new Y.Doc();
    const held: JsonObject[] = [];
    const store = memoryStore();
    const authors = new NoteAuthors(doc, "Ann", store);
    authors.start();
    const note = buildStickyNote({ x: 0, y: 0 }, "secret", { urgency: 7 }, testContext());
    new BoardWriter(doc, router(true, held), false, authors).addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: note.data }] });
    expect(elementsMap(doc).size).toBe(0);
    expect(held.map((e) => e["id"])).toEqual(note.elements.map((e) => e["id"]));
    expect(notesMap(doc).get(note.noteId)).toEqual({ urgency: 7 });
    // the label waits for the reveal
    expect(store.ids).toEqual([note.elements[1]["id"]]);
  });

  it("otherwise it writes the note whole, signed by its creator, through the validated writers", () => {
    const doc = new Y.Doc();
    const note = buildStickyNote({ x: 0, y: 0 }, "open", {}, testContext());
    const writer = new BoardWriter(doc, router(false, []), false, new NoteAuthors(doc, "Bo", memoryStore()));
    writer.addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: {} }] });
    expect([...elementsMap(doc).keys()].sort()).toEqual(note.elements.map((e) => String(e["id"])).sort());
    expect(notesMap(doc).get(note.noteId)).toEqual({ author: "Bo" });
    expect(() => writer.addNotes({ notes: [{ id: "bad", data: { urgency: 11 } }] })).toThrow();
  });

  it("a carried note keeps the author of the note it came from", () => {
    const doc = new Y.Doc();
    const note = buildStickyNote({ x: 0, y: 0 }, "carried", { author: "Ann" }, testContext());
    new BoardWriter(doc, router(false, []), false, new NoteAuthors(doc, "Bo", memoryStore())).addNotes({
      elements: note.elements,
      notes: [{ id: note.noteId, data: note.data }],
    });
    expect(notesMap(doc).get(note.noteId)).toEqual({ author: "Ann" });
  });
});
