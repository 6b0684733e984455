import * as Y from "yjs";
import { notesMap, recordsMap, templatesMap } from "./roots";
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
