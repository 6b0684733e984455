import type * as Y from "yjs";
import { type BoardRecord, readRecord, writeRecord } from "@quadrant/board-model";

type RecordOf<K extends BoardRecord["kind"]> = Extract<BoardRecord, { kind: K }>;

/**
 * Changes one record as the document holds it now, not as the panel last rendered it, so
 * an edit of one field keeps what someone else saved in another field a moment ago. A record
 * someone deleted meanwhile stays deleted (false).
 */
export function patchRecord<K extends BoardRecord["kind"]>(
  doc: Y.Doc,
  id: string,
  kind: K,
  change: (current: RecordOf<K>) => RecordOf<K>,
): boolean {
  const current = readRecord(doc, id);
  if (!current || current.kind !== kind) return false;
  writeRecord(doc, change(current as RecordOf<K>));
  return true;
}
