import type * as Y from "yjs";
import {
  elementsMap,
  hasNoteData,
  healthRecordId,
  insertContent,
  patchElement,
  readElements,
  readRecord,
  readTemplate,
  writeRecord,
  type WriteStamp,
} from "@quadrant/board-model";
import type { BoardContext, Effect, Target } from "@quadrant/facilitation";
import { centreOf, frameHolding, isToBePlaced, moveForScores, moveNote, noteIds, notesHeldBy, rectOf } from "@quadrant/templates";
import { insertPreworkNotes, noteTextsIn } from "./prework-doc";

/**
 * What facilitation reads from and writes to the board document. The rules themselves (what a
 * note is, which frame holds it, how a note moves) live in @quadrant/templates, the same code the
 * web client runs, so a vote or score lands on the template the panel shows; this file only
 * adapts the server's Y.Doc and effects to them.
 */

/** RULE 23: the notes a frame holds (a vote or scoring round on it covers exactly these). */
export function notesInFrame(doc: Y.Doc, frameId: string): string[] {
  return notesHeldBy(readElements(doc), (id) => hasNoteData(doc, id), frameId);
}

/** RULE 33 on the server's document: null when the note is not (yet) in it, e.g. held in a private brainstorm. */
function toBePlacedNote(doc: Y.Doc, noteId: string): boolean | null {
  const elements = readElements(doc);
  const note = elements.find((e) => e.id === noteId && !e.isDeleted);
  return note ? isToBePlaced(elements, note) : null;
}

export function boardContext(doc: Y.Doc): BoardContext {
  return {
    notesIn(target: Target): string[] | null {
      switch (target.kind) {
        case "notes":
          // RULE 33: a selection's notes still to be placed are left out of the round.
          return target.noteIds.filter((id) => !toBePlacedNote(doc, id));
        case "frame":
          return notesInFrame(doc, target.frameId);
        case "board":
          return null;
      }
    },
    isScorecard: (templateId) => readTemplate(doc, templateId)?.kind === "health-scorecard",
    noteTexts: (target) => noteTextsIn(doc, target),
    toBePlaced: (noteId) => toBePlacedNote(doc, noteId),
  };
}

/**
 * Applies one effect's document part inside a transaction; false when it did not apply (e.g. note
 * gone). `now` stamps the changed elements; the caller passes its clock (the default is for callers
 * that have none to give).
 */
export function applyDocEffect(
  doc: Y.Doc,
  effect: Exclude<Effect, { kind: "summon" }>,
  nonce: () => number,
  now: number,
): boolean {
  const stamp: WriteStamp = { now, nonce };
  switch (effect.kind) {
    case "insert-elements":
      // Held elements are JSON the author sent; an id already on the board is left alone.
      insertContent(doc, { elements: effect.elements });
      return true;
    case "move-note": {
      const elements = readElements(doc);
      const note = elements.find((e) => e.id === effect.noteId && !e.isDeleted);
      const frame = note && frameHolding(elements, centreOf(note));
      if (!note || !frame) return false;
      // RULE 7: the same mapping the panels use; on top, so the accepted note is never hidden.
      const to = moveForScores(note, rectOf(frame), { impact: effect.impact, effort: effect.effort });
      return moveNote(doc, effect.noteId, to, stamp, { onTop: true });
    }
    case "set-health-rating": {
      // The scorecard may have been deleted since the round opened: then there is nothing to rate.
      if (readTemplate(doc, effect.templateId)?.kind !== "health-scorecard") return false;
      const id = healthRecordId(effect.templateId, effect.dimension);
      const existing = readRecord(doc, id);
      // Only the rating is the group's result; evidence and impact are what people wrote.
      const kept = existing?.kind === "health" ? { evidence: existing.evidence, impact: existing.impact } : { evidence: "", impact: "" };
      writeRecord(doc, { kind: "health", id, templateId: effect.templateId, dimension: effect.dimension, rating: effect.rating, ...kept });
      return true;
    }
    case "insert-prework-notes":
      return insertPreworkNotes(doc, effect.preworkId, effect.notes, stamp);
    case "set-frame-locked": {
      const elements = elementsMap(doc);
      if (!elements.has(effect.frameId)) return false;
      const notes = noteIds(readElements(doc), (id) => hasNoteData(doc, id));
      // The frame and its chrome (grid, axes, labels) lock; notes stay movable, that is the point of a matrix.
      const targets: string[] = [];
      elements.forEach((element, id) => {
        const target = id === effect.frameId || (element.frameId === effect.frameId && !notes.has(id));
        if (target && element.locked !== effect.locked) targets.push(id);
      });
      for (const id of targets) patchElement(doc, id, { locked: effect.locked }, stamp);
      return true;
    }
  }
}
