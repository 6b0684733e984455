import * as Y from "yjs";

/**
 * The board document's top-level shared types. Everything editors may write
 * lives under these names; facilitator-only control state (timer, ballots,
 * private notes, locks, agenda) is deliberately NOT in this document, it is
 * held and mediated by the server (see docs/facilitation.md).
 */
export const ROOT = {
  /** element id → Excalidraw element as a plain JSON object (cloned, never shared with Excalidraw). */
  elements: "elements",
  /** file id → binary file (images) as { id, mimeType, dataURL, created }. */
  files: "files",
  /** template instance id → template instance record (see @quadrant/templates). */
  templates: "templates",
  /** note element id → structured note data that is not geometry (urgency, risk, origin…). */
  notes: "notes",
  /** board-level structured data (SWOT pairings, themes' text…), keyed by record id. */
  records: "records",
} as const;

/** A JSON object as stored in a Y.Map value (Yjs stores plain values by copy). */
export type JsonObject = { [key: string]: unknown };

export function elementsMap(doc: Y.Doc): Y.Map<JsonObject> {
  return doc.getMap<JsonObject>(ROOT.elements);
}
export function filesMap(doc: Y.Doc): Y.Map<JsonObject> {
  return doc.getMap<JsonObject>(ROOT.files);
}
export function templatesMap(doc: Y.Doc): Y.Map<JsonObject> {
  return doc.getMap<JsonObject>(ROOT.templates);
}
export function notesMap(doc: Y.Doc): Y.Map<JsonObject> {
  return doc.getMap<JsonObject>(ROOT.notes);
}
export function recordsMap(doc: Y.Doc): Y.Map<JsonObject> {
  return doc.getMap<JsonObject>(ROOT.records);
}
