import type * as Y from "yjs";
import { parseBoard, snapshotBoard } from "@quadrant/board-model";
import { type BoardView, type NoteView, carryToMatrix } from "@quadrant/templates";
import { browserContext, insert } from "./docWrites";

/** Sends notes to the board's first impact/effort matrix as new notes remembering their origin. */
export function carryNotes(doc: Y.Doc, view: BoardView, notes: readonly NoteView[]): boolean {
  const matrix = view.templates.find((t) => t.kind === "impact-effort");
  if (!matrix || notes.length === 0) return false;
  const board = parseBoard(snapshotBoard(doc));
  const frame = board.elementsById.get(matrix.frameId);
  if (!frame) return false;
  const built = carryToMatrix(notes, frame, board.elements, browserContext());
  insert(doc, {
    elements: built.flatMap((b) => b.elements),
    notes: built.map((b) => ({ id: b.noteId, data: b.data })),
  });
  return true;
}
