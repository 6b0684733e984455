import * as Y from "yjs";
import {
  type JsonObject,
  elementsMap,
  filesMap,
  notesMap,
  recordsMap,
  templatesMap,
} from "./roots";
import { type ElementLike, parseElementLike } from "./element-like";
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
  return parseWithElements(
    Object.entries(snapshot.elements).map(([key, raw]) => parseElement(key, raw)),
    snapshot,
  );
}

/** One element entry checked: the element, or the line that says what was wrong with it. */
export type ElementParse = { element: ElementLike } | { problem: string };

/**
 * Remembers each stored element's parse, keyed by the document's own object: Yjs stores a
 * new object whenever an entry changes, so an unchanged entry is never parsed twice.
 */
export type ElementMemo = WeakMap<object, ElementParse>;

function parseElement(key: string, raw: unknown): ElementParse {
  const r = parseElementLike(raw);
  return r.success ? { element: r.data } : { problem: `elements/${key}: ${issueText(r.error)}` };
}

/**
 * `parseBoard(snapshotBoard(doc))` for a reader that reads the same live document again and
 * again (the web app's side panels): only elements changed since the last read are parsed,
 * and image files (which the parsed board does not hold) are not copied at all. The
 * parsed elements are shared between reads, and below their top level with the document
 * itself: treat them as read-only.
 */
export function readBoard(doc: Y.Doc, memo: ElementMemo): ParsedBoard {
  const parsed: ElementParse[] = [];
  elementsMap(doc).forEach((value, key) => {
    let r = memo.get(value);
    if (!r) {
      // Not cloned first: the parse hands out a copy of the entry's own fields (never the doc's
      // object), and what it shares below them is read-only like the parsed element itself.
      r = parseElement(key, value);
      memo.set(value, r);
    }
    parsed.push(r);
  });
  return parseWithElements(parsed, {
    templates: mapToObject(templatesMap(doc)),
    notes: mapToObject(notesMap(doc)),
    records: mapToObject(recordsMap(doc)),
  });
}

/**
 * Parses into `memo` the element entries no read has parsed yet, while `goOn()` says so; true
 * when none is left. A reader of a big board spreads its first reading (2,000 parses) over
 * several short tasks with it, so the canvas never waits one long task for the panels.
 */
export function warmElements(doc: Y.Doc, memo: ElementMemo, goOn: () => boolean): boolean {
  for (const [key, value] of elementsMap(doc).entries()) {
    if (memo.has(value)) continue;
    if (!goOn()) return false;
    memo.set(value, parseElement(key, value));
  }
  return true;
}

function parseWithElements(parsed: readonly ElementParse[], snapshot: Omit<BoardSnapshot, "elements" | "files">): ParsedBoard {
  const problems: string[] = [];
  const elements: ElementLike[] = [];
  for (const r of parsed) {
    if ("element" in r) elements.push(r.element);
    else problems.push(r.problem);
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
