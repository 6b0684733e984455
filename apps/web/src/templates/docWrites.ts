import type * as Y from "yjs";
import {
  type BoardRecord,
  type JsonObject,
  type NoteData,
  type TemplateInstance,
  elementsMap,
  notesMap,
  recordsMap,
  templatesMap,
} from "@quadrant/board-model";
import type { BuildContext, Rect } from "@quadrant/templates";

/** Excalidraw-style ids: 21 random base64url characters. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "").slice(0, 21);
}

/** The browser's clock and randomness for the pure builders of @quadrant/templates. */
export function browserContext(): BuildContext {
  return { newId: randomId, random: Math.random, now: Date.now() };
}

export interface Insert {
  elements?: readonly JsonObject[];
  templates?: readonly TemplateInstance[];
  notes?: ReadonlyArray<{ id: string; data: NoteData }>;
  records?: readonly BoardRecord[];
}

/** One transaction, so everyone sees the template (or note) appear whole. */
export function insert(doc: Y.Doc, what: Insert): void {
  doc.transact(() => {
    for (const e of what.elements ?? []) elementsMap(doc).set(String(e["id"]), structuredClone(e));
    for (const t of what.templates ?? []) templatesMap(doc).set(t.id, { ...t });
    for (const n of what.notes ?? []) notesMap(doc).set(n.id, { ...n.data });
    for (const r of what.records ?? []) recordsMap(doc).set(r.id, { ...r });
  });
}

/**
 * Changes an element the way Excalidraw does: a new object with a higher version and a new
 * nonce, so every client's reconcile takes it over its own copy.
 */
export function patchElement(doc: Y.Doc, id: string, patch: JsonObject): void {
  const current = elementsMap(doc).get(id);
  if (!current) return;
  const version = typeof current["version"] === "number" ? current["version"] : 1;
  elementsMap(doc).set(id, {
    ...structuredClone(current),
    ...patch,
    version: version + 1,
    versionNonce: Math.floor(Math.random() * 2 ** 31),
    updated: Date.now(),
  });
}

/** Moves a note and its bound text together (Excalidraw only does that itself while dragging). */
export function moveNote(doc: Y.Doc, noteId: string, to: { x: number; y: number }): void {
  const note = elementsMap(doc).get(noteId);
  if (!note) return;
  const dx = to.x - Number(note["x"]);
  const dy = to.y - Number(note["y"]);
  doc.transact(() => {
    patchElement(doc, noteId, { x: to.x, y: to.y });
    elementsMap(doc).forEach((e, id) => {
      if (e["containerId"] === noteId && e["isDeleted"] !== true) {
        patchElement(doc, id, { x: Number(e["x"]) + dx, y: Number(e["y"]) + dy });
      }
    });
  });
}

export function frameRect(doc: Y.Doc, frameId: string): Rect | null {
  const f = elementsMap(doc).get(frameId);
  if (!f || f["isDeleted"] === true) return null;
  return { x: Number(f["x"]), y: Number(f["y"]), width: Number(f["width"]), height: Number(f["height"]) };
}
