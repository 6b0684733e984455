import type * as Y from "yjs";
import { elementsMap, hasNoteData, insertContent, readElements, type WriteStamp } from "@quadrant/board-model";
import { type Target, preworkElementId, preworkFrameId } from "@quadrant/facilitation";
import { boundTextIndex, buildPreworkArea, noteIds, noteText, notesHeldBy, occupiedBoxes } from "@quadrant/templates";

/** What pre-work reads from and writes to the board document (board-doc.ts routes to it). */

/** The notes a pre-work target covers, in board order, with their words (the pre-work page shows them). */
export function noteTextsIn(doc: Y.Doc, target: Target): Array<{ noteId: string; text: string }> {
  const elements = readElements(doc);
  const isNoteData = (id: string) => hasNoteData(doc, id);
  const ids =
    target.kind === "notes" ? target.noteIds : target.kind === "frame" ? notesHeldBy(elements, isNoteData, target.frameId) : [...noteIds(elements, isNoteData)];
  const byId = new Map(elements.filter((e) => !e.isDeleted).map((e) => [e.id, e]));
  const labels = boundTextIndex(elements);
  return ids.flatMap((noteId) => {
    const element = byId.get(noteId);
    return element ? [{ noteId, text: noteText(element, labels) }] : [];
  });
}

/**
 * Revealed brainstorm pre-work into the document: a "Pre-work" frame in free space beside the
 * content (buildPreworkArea). Ids derive from the pre-work id, so a reveal retried after a crash
 * between the document write and the state write finds its frame and adds nothing twice.
 */
export function insertPreworkNotes(doc: Y.Doc, preworkId: number, notes: readonly string[], stamp: WriteStamp): boolean {
  let n = 0;
  // buildPreworkArea asks for the frame's id first, so it is preworkFrameId (the web's "Spotlight the notes").
  const newId = () => preworkElementId(preworkId, n++);
  if (elementsMap(doc).has(preworkFrameId(preworkId))) return false;
  const occupied = occupiedBoxes(readElements(doc));
  const right = occupied.reduce((max, r) => Math.max(max, r.x + r.width), 0);
  const top = occupied.reduce((min, r) => Math.min(min, r.y), 0);
  // Near the top right of the content: beside the templates rather than over them.
  const area = buildPreworkArea(notes, occupied, { x: right, y: top }, { newId, random: () => stamp.nonce() / 2 ** 31, now: stamp.now });
  insertContent(doc, { elements: area.elements });
  return true;
}
