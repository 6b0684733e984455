import type * as Y from "yjs";
import { elementsMap, notesMap, parseBoard, snapshotBoard } from "@quadrant/board-model";
import { type BoardView, type NoteView, carryToMatrix } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { browserContext } from "./docWrites";

/**
 * SWOT items already on the matrix: the origin of every live note, and of notes carried
 * during a private brainstorm (their data is on the board, their elements are held).
 */
export function carriedItems(doc: Y.Doc, notes: readonly NoteView[]): Set<string> {
  const carried = new Set(notes.flatMap((n) => (n.origin ? [n.origin.noteId] : [])));
  notesMap(doc).forEach((data, id) => {
    const origin = (data as { origin?: { noteId?: unknown } }).origin;
    if (!elementsMap(doc).has(id) && typeof origin?.noteId === "string") carried.add(origin.noteId);
  });
  return carried;
}

/** Sends notes to the board's first impact/effort matrix as new notes remembering their origin. */
export function carryNotes(api: BoardApi, view: BoardView, notes: readonly NoteView[]): boolean {
  const matrix = view.templates.find((t) => t.kind === "impact-effort");
  // A note already carried is not carried twice (a double click, two people at once).
  const carried = carriedItems(api.doc, view.notes);
  const toCarry = notes.filter((n) => !carried.has(n.id));
  if (!matrix || toCarry.length === 0) return false;
  const board = parseBoard(snapshotBoard(api.doc));
  const frame = board.elementsById.get(matrix.frameId);
  if (!frame) return false;
  const built = carryToMatrix(toCarry, frame, board.elements, browserContext());
  api.write.addNotes({
    elements: built.flatMap((b) => b.elements),
    notes: built.map((b) => ({ id: b.noteId, data: b.data })),
  });
  return true;
}
