import type * as Y from "yjs";
import type { JsonObject } from "@quadrant/board-model";
import type { PrivateNotesRouter } from "../facilitation/privateNotes";
import { type Insert, insert } from "../templates/docWrites";
import type { NoteAuthors } from "./noteAuthors";

/**
 * The one way panels add things to the board, so every rule that decides where
 * new content goes is applied in one place. Today that is the private brainstorm:
 * while it is on, a person's new notes go to the server as held notes (only they see
 * them until the reveal) instead of into the shared document. The canvas's own
 * tools reach the same router through the element binding (ElementBinding.divert).
 *
 * What goes where during private mode (docs/facilitation.md):
 * - a note's elements (sticky, text, carried note): held;
 * - its note data (scores, origin): the shared document, it carries no words; but not
 *   the creator's name, which is written at the reveal (NoteAuthors);
 * - a template or theme frame: public when the facilitator adds it, held for an
 *   editor (the server would hold an editor's new elements anyway, SS15).
 *
 * Every note added here is signed with its creator's name (`NoteData.author`); a viewer,
 * who adds nothing, has no `authors`.
 */
export class BoardWriter {
  constructor(
    private readonly doc: Y.Doc,
    private readonly privateNotes: PrivateNotesRouter,
    private readonly isFacilitator: boolean,
    private readonly authors: NoteAuthors | null,
    /** RULE 35: new stickies fit their text (notes/noteFit.ts); tests without a canvas leave them as built. */
    private readonly fit: (elements: readonly JsonObject[]) => JsonObject[] = (elements) => [...elements],
  ) {}

  /** New notes (quick note, carried notes). */
  addNotes(given: Insert): void {
    const what = given.elements ? { ...given, elements: this.fit(given.elements) } : given;
    const authors = this.authors;
    if (this.privateNotes.hold(what.elements ?? [])) {
      authors?.hold(what.elements ?? []);
      insert(this.doc, { ...what, elements: [] });
      return;
    }
    insert(this.doc, authors ? { ...what, notes: what.notes?.map((n) => ({ ...n, data: authors.stamp(n.data) })) } : what);
  }

  /** New structure (a template, a theme frame). */
  addStructure(what: Insert): void {
    if (!this.isFacilitator && this.privateNotes.hold(what.elements ?? [])) {
      insert(this.doc, { ...what, elements: [] });
      return;
    }
    insert(this.doc, what);
  }
}
