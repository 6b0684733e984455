import type * as Y from "yjs";
import { elementsMap, type JsonObject } from "@quadrant/board-model";
import type { BoardContext, Effect, Target } from "@quadrant/facilitation";
import { moveForScores } from "@quadrant/templates";

/**
 * What facilitation reads from and writes to the board document. Elements are
 * plain JSON objects in the `elements` map (see @quadrant/board-model); a write
 * replaces the whole object with a bumped version, like Excalidraw does.
 */

const NOT_NOTES = new Set(["frame", "magicframe", "line", "arrow", "freedraw", "image", "selection"]);

type Box = { x: number; y: number; width: number; height: number };

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
function boxOf(element: JsonObject): Box {
  return { x: num(element.x), y: num(element.y), width: num(element.width), height: num(element.height) };
}
function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner.x + inner.width / 2;
  const cy = inner.y + inner.height / 2;
  return cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height;
}

function isChrome(element: JsonObject): boolean {
  const custom = element.customData;
  if (!custom || typeof custom !== "object") return false;
  const tag: unknown = (custom as JsonObject).quadrant;
  return !!tag && typeof tag === "object" && (tag as JsonObject).role === "chrome";
}

/**
 * A "note" is any live shape or free text: not template chrome (grid, axes,
 * labels), a frame, connector, drawing, image, nor a container's label.
 */
function isNote(element: JsonObject): boolean {
  if (element.isDeleted === true || isChrome(element)) return false;
  if (typeof element.type !== "string" || NOT_NOTES.has(element.type)) return false;
  return !(element.type === "text" && typeof element.containerId === "string");
}

/** Notes inside a frame: its Excalidraw children, or whatever has its centre within it. */
export function notesInFrame(doc: Y.Doc, frameId: string): string[] {
  const elements = elementsMap(doc);
  const frame = elements.get(frameId);
  if (!frame || frame.isDeleted === true) return [];
  const box = boxOf(frame);
  const ids: string[] = [];
  elements.forEach((element, id) => {
    if (id === frameId || !isNote(element)) return;
    if (element.frameId === frameId || centreInside(boxOf(element), box)) ids.push(id);
  });
  return ids.sort();
}

export function boardContext(doc: Y.Doc): BoardContext {
  return {
    notesIn(target: Target): string[] | null {
      switch (target.kind) {
        case "notes":
          return [...target.noteIds];
        case "frame":
          return notesInFrame(doc, target.frameId);
        case "board":
          return null;
      }
    },
  };
}

function bumped(element: JsonObject, changes: JsonObject, nonce: number): JsonObject {
  return { ...element, ...changes, version: num(element.version) + 1, versionNonce: nonce, updated: Date.now() };
}

/** The frame a note sits in: its `frameId`, else the smallest frame containing its centre. */
function frameOf(doc: Y.Doc, note: JsonObject): JsonObject | null {
  const elements = elementsMap(doc);
  if (typeof note.frameId === "string") {
    const frame = elements.get(note.frameId);
    if (frame && frame.isDeleted !== true) return frame;
  }
  let best: JsonObject | null = null;
  elements.forEach((element) => {
    if (element.type !== "frame" || element.isDeleted === true) return;
    if (!centreInside(boxOf(note), boxOf(element))) return;
    if (!best || boxOf(element).width * boxOf(element).height < boxOf(best).width * boxOf(best).height) best = element;
  });
  return best;
}

/**
 * The highest fractional index on the board (Excalidraw's z-order; keys compare as plain
 * strings). Appending a non-zero digit to a valid key gives a valid key just above it.
 */
function topIndex(doc: Y.Doc): string | null {
  let top: string | null = null;
  elementsMap(doc).forEach((element) => {
    const index = element.index;
    if (typeof index === "string" && (top === null || index > top)) top = index;
  });
  return top;
}

/** Applies one effect's document part inside a transaction; false when it did not apply (e.g. note gone). */
export function applyDocEffect(doc: Y.Doc, effect: Exclude<Effect, { kind: "summon" }>, nonce: () => number): boolean {
  const elements = elementsMap(doc);
  switch (effect.kind) {
    case "insert-elements":
      for (const element of effect.elements) {
        // Held elements are JSON the author sent; an id already on the board is left alone.
        if (!elements.has(element.id)) elements.set(element.id, { ...element });
      }
      return true;
    case "move-note": {
      const note = elements.get(effect.noteId);
      if (!note || note.isDeleted === true) return false;
      const frame = frameOf(doc, note);
      if (!frame) return false;
      // The matrix rule lives in @quadrant/templates (RULE 7): the same mapping the panels use.
      const { x, y } = moveForScores(boxOf(note), boxOf(frame), { impact: effect.impact, effort: effect.effort });
      const dx = x - num(note.x);
      const dy = y - num(note.y);
      // On top of everything, its label just above it: an accepted note is never hidden
      // under another one that sits at the same scores (the clients also highlight it).
      const top = topIndex(doc);
      elements.set(effect.noteId, bumped(note, { x, y, ...(top ? { index: `${top}V` } : {}) }, nonce()));
      // A note's label moves with it.
      elements.forEach((element, id) => {
        if (element.containerId === effect.noteId) {
          const index = top ? { index: `${top}W` } : {};
          elements.set(id, bumped(element, { x: num(element.x) + dx, y: num(element.y) + dy, ...index }, nonce()));
        }
      });
      return true;
    }
    case "set-frame-locked": {
      const frame = elements.get(effect.frameId);
      if (!frame) return false;
      // The frame and its chrome (grid, axes, labels) lock; notes stay movable, that is the point of a matrix.
      elements.forEach((element, id) => {
        const target = id === effect.frameId || (element.frameId === effect.frameId && !isNote(element));
        if (target && element.locked !== effect.locked) {
          elements.set(id, bumped(element, { locked: effect.locked }, nonce()));
        }
      });
      return true;
    }
  }
}
