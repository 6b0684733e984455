import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap } from "@quadrant/board-model";
import { buildStickyNote } from "@quadrant/templates";
import { testContext } from "@quadrant/templates/testing";
import type { PrivateNotesRouter } from "../facilitation/privateNotes";
import { BoardWriter } from "./boardWriter";

/** Just the router's `hold`: true (held) while the private brainstorm is on. */
function router(on: boolean, held: JsonObject[]): PrivateNotesRouter {
  return { hold: (elements: readonly JsonObject[]) => (on ? (held.push(...elements), true) : false) } as unknown as PrivateNotesRouter;
}

describe("BoardWriter (the web's one way to add notes)", () => {
  it("during a private brainstorm a note's elements are held and only its data reaches the document", () => {
    const doc = new Y.Doc();
    const held: JsonObject[] = [];
    const note = buildStickyNote({ x: 0, y: 0 }, "secret", { author: "Ann" }, testContext());
    new BoardWriter(doc, router(true, held), false).addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: note.data }] });
    expect(elementsMap(doc).size).toBe(0);
    expect(held.map((e) => e["id"])).toEqual(note.elements.map((e) => e["id"]));
    expect(notesMap(doc).get(note.noteId)).toEqual({ author: "Ann" });
  });

  it("otherwise it writes the note whole, through the validated writers", () => {
    const doc = new Y.Doc();
    const note = buildStickyNote({ x: 0, y: 0 }, "open", {}, testContext());
    const writer = new BoardWriter(doc, router(false, []), false);
    writer.addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: {} }] });
    expect([...elementsMap(doc).keys()].sort()).toEqual(note.elements.map((e) => String(e["id"])).sort());
    expect(() => writer.addNotes({ notes: [{ id: "bad", data: { urgency: 11 } }] })).toThrow();
  });
});
