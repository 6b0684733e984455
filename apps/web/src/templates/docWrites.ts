import type * as Y from "yjs";
import { type BoardContent, type JsonObject, type WriteStamp, elementsMap, insertContent, patchElement as patchInDoc } from "@quadrant/board-model";
import { type BuildContext, type Rect, moveNote as moveInDoc } from "@quadrant/templates";

/**
 * The browser's side of the document writers in @quadrant/board-model and @quadrant/templates:
 * it supplies the clock and randomness they take as arguments. Panels add content through
 * BoardWriter (board/boardWriter.ts), which applies the private brainstorm before `insert`.
 */

/** Excalidraw-style ids: 21 random base64url characters. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "").slice(0, 21);
}

/** The browser's clock and randomness for the pure builders of @quadrant/templates. */
export function browserContext(): BuildContext {
  return { newId: randomId, random: Math.random, now: Date.now() };
}

/** The browser's clock and randomness for the document writers. */
export function browserStamp(): WriteStamp {
  return { now: Date.now(), nonce: () => Math.floor(Math.random() * 2 ** 31) };
}

export type Insert = BoardContent;

/** One transaction, so everyone sees the template (or note) appear whole; structured data is validated. */
export function insert(doc: Y.Doc, what: Insert): void {
  insertContent(doc, what);
}

/** Changes an element the way Excalidraw does (higher version, new nonce). */
export function patchElement(doc: Y.Doc, id: string, patch: JsonObject): void {
  patchInDoc(doc, id, patch, browserStamp());
}

/** Moves a note and its bound text together (RULE 24). */
export function moveNote(doc: Y.Doc, noteId: string, to: { x: number; y: number }): void {
  moveInDoc(doc, noteId, to, browserStamp());
}

export function frameRect(doc: Y.Doc, frameId: string): Rect | null {
  const f = elementsMap(doc).get(frameId);
  if (!f || f["isDeleted"] === true) return null;
  return { x: Number(f["x"]), y: Number(f["y"]), width: Number(f["width"]), height: Number(f["height"]) };
}
