import * as Y from "yjs";
import {
  type JsonObject,
  elementsMap,
  filesMap,
  notesMap,
  recordsMap,
  templatesMap,
} from "./roots";
import { ElementLike } from "./element-like";
import { BoardRecord, NoteData, TemplateInstance } from "./schemas";

/** The board document's contents as plain JSON, one object per root. */
export interface BoardSnapshot {
  elements: Record<string, JsonObject>;
  files: Record<string, JsonObject>;
  templates: Record<string, JsonObject>;
  notes: Record<string, JsonObject>;
  records: Record<string, JsonObject>;
}

/** The snapshot checked against the schemas; entries that fail are listed, not thrown. */
export interface ParsedBoard {
  elements: ElementLike[];
  elementsById: ReadonlyMap<string, ElementLike>;
  templates: TemplateInstance[];
  notes: ReadonlyMap<string, NoteData>;
  records: BoardRecord[];
  /** One line per entry that did not match its schema ("notes/abc: urgency: …"). */
  problems: string[];
}

function mapToObject(map: Y.Map<JsonObject>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  map.forEach((value, key) => {
    // Yjs hands out the stored object itself; clone so callers cannot mutate the doc's copy.
    out[key] = structuredClone(value);
  });
  return out;
}

export function snapshotBoard(doc: Y.Doc): BoardSnapshot {
  return {
    elements: mapToObject(elementsMap(doc)),
    files: mapToObject(filesMap(doc)),
    templates: mapToObject(templatesMap(doc)),
    notes: mapToObject(notesMap(doc)),
    records: mapToObject(recordsMap(doc)),
  };
}

/** Writes every entry of the snapshot into the doc in one transaction (used by import). */
export function writeSnapshot(doc: Y.Doc, snapshot: BoardSnapshot): void {
  doc.transact(() => {
    const pairs: [Y.Map<JsonObject>, Record<string, JsonObject>][] = [
      [elementsMap(doc), snapshot.elements],
      [filesMap(doc), snapshot.files],
      [templatesMap(doc), snapshot.templates],
      [notesMap(doc), snapshot.notes],
      [recordsMap(doc), snapshot.records],
    ];
    for (const [map, entries] of pairs) {
      for (const [key, value] of Object.entries(entries)) map.set(key, structuredClone(value));
    }
  });
}

function issueText(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export function parseBoard(snapshot: BoardSnapshot): ParsedBoard {
  const problems: string[] = [];
  const elements: ElementLike[] = [];
  for (const [key, raw] of Object.entries(snapshot.elements)) {
    const r = ElementLike.safeParse(raw);
    if (r.success) elements.push(r.data);
    else problems.push(`elements/${key}: ${issueText(r.error)}`);
  }
  const templates: TemplateInstance[] = [];
  for (const [key, raw] of Object.entries(snapshot.templates)) {
    const r = TemplateInstance.safeParse(raw);
    if (r.success) templates.push(r.data);
    else problems.push(`templates/${key}: ${issueText(r.error)}`);
  }
  const notes = new Map<string, NoteData>();
  for (const [key, raw] of Object.entries(snapshot.notes)) {
    const r = NoteData.safeParse(raw);
    if (r.success) notes.set(key, r.data);
    else problems.push(`notes/${key}: ${issueText(r.error)}`);
  }
  const records: BoardRecord[] = [];
  for (const [key, raw] of Object.entries(snapshot.records)) {
    const r = BoardRecord.safeParse(raw);
    if (r.success) records.push(r.data);
    else problems.push(`records/${key}: ${issueText(r.error)}`);
  }
  // Sorted so every consumer (exports, tests) sees the same order whatever the doc's history.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  elements.sort(byId);
  templates.sort(byId);
  records.sort(byId);
  return {
    elements,
    elementsById: new Map(elements.map((e) => [e.id, e])),
    templates,
    notes,
    records,
    problems,
  };
}
