import type * as Y from "yjs";
import { type WriteStamp, elementsMap, patchElement, topIndex } from "@quadrant/board-model";
import type { Point } from "./geometry";

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/**
 * RULE 24: moves a note's top-left corner to `to`, its bound text by the same offset
 * (Excalidraw only moves a label itself while dragging), in one transaction. With `onTop` both
 * go above everything else, the label just above the note, so a note the group placed is never
 * hidden under one already at that spot. False when the note is gone.
 */
export function moveNote(doc: Y.Doc, noteId: string, to: Point, stamp: WriteStamp, options: { onTop?: boolean } = {}): boolean {
  const elements = elementsMap(doc);
  const note = elements.get(noteId);
  if (!note || note["isDeleted"] === true) return false;
  const dx = to.x - num(note["x"]);
  const dy = to.y - num(note["y"]);
  const top = options.onTop ? topIndex(doc) : null;
  const labels: string[] = [];
  elements.forEach((e, id) => {
    if (e["containerId"] === noteId && e["isDeleted"] !== true) labels.push(id);
  });
  doc.transact(() => {
    patchElement(doc, noteId, { x: to.x, y: to.y, ...(top ? { index: `${top}V` } : {}) }, stamp);
    for (const id of labels) {
      const label = elements.get(id);
      const moved = { x: num(label?.["x"]) + dx, y: num(label?.["y"]) + dy };
      patchElement(doc, id, { ...moved, ...(top ? { index: `${top}W` } : {}) }, stamp);
    }
  });
  return true;
}
