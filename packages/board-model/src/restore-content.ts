import type * as Y from "yjs";
import { type BoardSnapshot, snapshotBoard } from "./board-snapshot";
import { type JsonObject, elementsMap, filesMap, notesMap, recordsMap, templatesMap } from "./roots";
import type { WriteStamp } from "./element-writes";

/**
 * Board history (docs/history.md): how a live board differs from a snapshot, and how it is made
 * equal to one in place. Both work entry by entry on the document's roots, so a restore touches
 * only what differs and concurrent edits elsewhere survive it.
 */

/**
 * Live board versus snapshot, counted as a person sees the board: a sticky note's label (text bound
 * to its container) is part of the note, not an element of its own. Deleted elements do not count.
 */
export interface ElementDiff {
  added: number;
  moved: number;
  removed: number;
  changed: number;
}

/** Excalidraw's bookkeeping: an element that differs only in these has not changed. */
const STAMP_FIELDS = new Set(["version", "versionNonce", "updated"]);
const POSITION_FIELDS = new Set(["x", "y"]);
/** Follows from a move (the frame a note sits in), so a moved note is not also "changed". */
const MOVE_CONSEQUENCES = new Set(["frameId"]);

function isVisible(element: JsonObject | undefined): element is JsonObject {
  return element !== undefined && element["isDeleted"] !== true;
}

/** The element a person sees this one as part of: a bound label's container, else itself. */
function ownerOf(id: string, element: JsonObject): string {
  const container = element["containerId"];
  return typeof container === "string" && container.length > 0 ? container : id;
}

/** Structural equality of JSON values (key order does not matter: Yjs keeps whatever order was written). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => sameJson(left[key], right[key]));
}

function differsIn(a: JsonObject, b: JsonObject, fields: (key: string) => boolean): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].some((key) => fields(key) && !sameJson(a[key], b[key]));
}

export function diffElements(live: Record<string, JsonObject>, snapshot: Record<string, JsonObject>): ElementDiff {
  const diff: ElementDiff = { added: 0, moved: 0, removed: 0, changed: 0 };
  const changedOwners = new Set<string>();
  const content = (key: string) => !POSITION_FIELDS.has(key) && !STAMP_FIELDS.has(key) && !MOVE_CONSEQUENCES.has(key);
  for (const [id, now] of Object.entries(live)) {
    if (!isVisible(now)) continue;
    const then = snapshot[id];
    const owned = ownerOf(id, now) !== id;
    if (!isVisible(then)) {
      if (!owned) diff.added += 1;
      continue;
    }
    // A label moves with its note: only the note's own move counts.
    if (!owned && differsIn(now, then, (key) => POSITION_FIELDS.has(key))) diff.moved += 1;
    if (differsIn(now, then, content)) changedOwners.add(ownerOf(id, now));
  }
  for (const [id, then] of Object.entries(snapshot)) {
    if (isVisible(then) && !isVisible(live[id]) && ownerOf(id, then) === id) diff.removed += 1;
  }
  // A note whose label changed is one changed note; one added or removed is not also "changed".
  for (const owner of changedOwners) if (isVisible(live[owner]) && isVisible(snapshot[owner])) diff.changed += 1;
  return diff;
}

export interface RestoreCount {
  /** Entries written (set or marked deleted) across all roots. */
  written: number;
  /** Entries of the structured roots removed. */
  removed: number;
}

/**
 * Makes the board document equal to `target`, in one transaction, touching only entries that differ.
 *
 * Elements are never removed from the map: every client reconciles elements by version and keeps
 * an element whose key disappeared, so an element the snapshot lacks is marked `isDeleted` and one
 * it holds differently is written back. Either way the version goes above both copies' and the
 * nonce is fresh, so every client's reconcile takes the restored element over its own. The other
 * roots (files, templates, notes, records) are plain records read as they are: set or delete.
 */
export function restoreContent(doc: Y.Doc, target: BoardSnapshot, stamp: WriteStamp): RestoreCount {
  const live = snapshotBoard(doc);
  const count: RestoreCount = { written: 0, removed: 0 };
  doc.transact(() => {
    const elements = elementsMap(doc);
    for (const [id, now] of Object.entries(live.elements)) {
      const then = target.elements[id];
      if (then !== undefined || !isVisible(now)) continue;
      elements.set(id, restamp({ ...now, isDeleted: true }, now, undefined, stamp));
      count.written += 1;
    }
    for (const [id, then] of Object.entries(target.elements)) {
      const now = live.elements[id];
      if (now !== undefined && !differsIn(now, then, (key) => !STAMP_FIELDS.has(key))) continue;
      // Both deleted: nothing anyone sees differs, leave the tombstone alone.
      if (now !== undefined && !isVisible(now) && !isVisible(then)) continue;
      elements.set(id, restamp(then, now, then, stamp));
      count.written += 1;
    }
    const plain: [Y.Map<JsonObject>, Record<string, JsonObject>, Record<string, JsonObject>][] = [
      [filesMap(doc), live.files, target.files],
      [templatesMap(doc), live.templates, target.templates],
      [notesMap(doc), live.notes, target.notes],
      [recordsMap(doc), live.records, target.records],
    ];
    for (const [map, now, then] of plain) {
      for (const key of Object.keys(now)) {
        if (then[key] !== undefined) continue;
        map.delete(key);
        count.removed += 1;
      }
      for (const [key, value] of Object.entries(then)) {
        if (now[key] !== undefined && sameJson(now[key], value)) continue;
        map.set(key, structuredClone(value));
        count.written += 1;
      }
    }
  });
  return count;
}

function versionOf(element: JsonObject | undefined): number {
  const version = element?.["version"];
  return typeof version === "number" && Number.isFinite(version) ? version : 0;
}

function restamp(element: JsonObject, live: JsonObject | undefined, snapshot: JsonObject | undefined, stamp: WriteStamp): JsonObject {
  const version = Math.max(versionOf(live), versionOf(snapshot)) + 1;
  return { ...structuredClone(element), version, versionNonce: stamp.nonce(), updated: stamp.now };
}
