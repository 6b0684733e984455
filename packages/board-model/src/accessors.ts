import * as Y from "yjs";
import { type ElementLike, parseElementLike } from "./element-like";
import { elementsMap, notesMap, recordsMap, templatesMap } from "./roots";
import { BoardRecord, NoteData, TemplateInstance } from "./schemas";

/** Typed reads and writes of the structured roots; every write is validated first. */

export function readTemplate(doc: Y.Doc, id: string): TemplateInstance | null {
  const r = TemplateInstance.safeParse(templatesMap(doc).get(id));
  return r.success ? r.data : null;
}

export function writeTemplate(doc: Y.Doc, instance: TemplateInstance): void {
  templatesMap(doc).set(instance.id, { ...TemplateInstance.parse(instance) });
}

export function readNoteData(doc: Y.Doc, noteId: string): NoteData {
  const r = NoteData.safeParse(notesMap(doc).get(noteId));
  return r.success ? r.data : {};
}

/** True when the note has data that passes its schema (RULE 9 of @quadrant/templates asks). */
export function hasNoteData(doc: Y.Doc, noteId: string): boolean {
  return NoteData.safeParse(notesMap(doc).get(noteId)).success;
}

/** Merges `patch` into the note's data; `undefined` in the patch removes that field. */
export function updateNoteData(doc: Y.Doc, noteId: string, patch: Partial<NoteData>): NoteData {
  const merged: Record<string, unknown> = { ...readNoteData(doc, noteId) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const next = NoteData.parse(merged);
  notesMap(doc).set(noteId, { ...next });
  return next;
}

export function readRecord(doc: Y.Doc, id: string): BoardRecord | null {
  const r = BoardRecord.safeParse(recordsMap(doc).get(id));
  return r.success ? r.data : null;
}

export function writeRecord(doc: Y.Doc, record: BoardRecord): void {
  recordsMap(doc).set(record.id, { ...BoardRecord.parse(record) });
}

export function deleteRecord(doc: Y.Doc, id: string): void {
  recordsMap(doc).delete(id);
}

/** Every element that has the fields the pure logic reads; others (half-written JSON) are skipped. */
export function readElements(doc: Y.Doc): ElementLike[] {
  const out: ElementLike[] = [];
  elementsMap(doc).forEach((raw) => {
    const parsed = parseElementLike(raw);
    if (parsed.success) out.push(parsed.data);
  });
  return out;
}
