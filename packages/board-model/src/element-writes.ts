import type * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap, recordsMap, templatesMap } from "./roots";
import { BoardRecord, NoteData, TemplateInstance } from "./schemas";

/**
 * What a write stamps on the elements it changes. Passed in (house rule 7): the browser gives
 * its clock and Math.random, the server its injected clock and crypto, tests fixed values.
 */
export interface WriteStamp {
  /** Milliseconds since the epoch, for Excalidraw's `updated`. */
  now: number;
  /** A fresh 31-bit `versionNonce` per changed element. */
  nonce: () => number;
}

/** New things for the board; ids are the caller's (the builders of @quadrant/templates make them). */
export interface BoardContent {
  elements?: readonly JsonObject[];
  templates?: readonly TemplateInstance[];
  notes?: ReadonlyArray<{ id: string; data: NoteData }>;
  records?: readonly BoardRecord[];
}

/**
 * Adds content in one transaction, so everyone sees a template (or a note) appear whole. The
 * structured roots are checked against their schemas before anything is written, so a bad entry
 * throws and writes nothing; elements are Excalidraw JSON checked where they entered (a builder,
 * a held note's schema). An element id already on the board is left alone: a second reveal of the
 * same held notes, or a retried insert, changes nothing.
 */
export function insertContent(doc: Y.Doc, content: BoardContent): void {
  const templates = (content.templates ?? []).map((t) => TemplateInstance.parse(t));
  const notes = (content.notes ?? []).map((n) => ({ id: n.id, data: NoteData.parse(n.data) }));
  const records = (content.records ?? []).map((r) => BoardRecord.parse(r));
  const elements = elementsMap(doc);
  doc.transact(() => {
    for (const element of content.elements ?? []) {
      const id = String(element["id"]);
      if (!elements.has(id)) elements.set(id, structuredClone(element));
    }
    for (const t of templates) templatesMap(doc).set(t.id, { ...t });
    for (const n of notes) notesMap(doc).set(n.id, { ...n.data });
    for (const r of records) recordsMap(doc).set(r.id, { ...r });
  });
}

/**
 * Changes an element the way Excalidraw does: a new object with a higher version and a new
 * nonce, so every client's reconcile takes it over its own copy. False when it is not there.
 */
export function patchElement(doc: Y.Doc, id: string, patch: JsonObject, stamp: WriteStamp): boolean {
  const elements = elementsMap(doc);
  const current = elements.get(id);
  if (!current) return false;
  const version = typeof current["version"] === "number" ? current["version"] : 1;
  // Cloned: Yjs keeps the stored object by reference until it is encoded.
  elements.set(id, { ...structuredClone(current), ...patch, version: version + 1, versionNonce: stamp.nonce(), updated: stamp.now });
  return true;
}

/**
 * The highest fractional index on the board (Excalidraw's z-order; keys compare as plain
 * strings). Appending a non-zero digit to a valid key gives a valid key just above it.
 */
export function topIndex(doc: Y.Doc): string | null {
  let top: string | null = null;
  elementsMap(doc).forEach((element) => {
    const index = element["index"];
    if (typeof index === "string" && (top === null || index > top)) top = index;
  });
  return top;
}
