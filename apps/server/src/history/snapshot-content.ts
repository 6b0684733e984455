import * as Y from "yjs";
import { serverDoc } from "../sync/server-doc";
import { type BoardSnapshot, snapshotBoard, writeSnapshot } from "@quadrant/board-model";

/**
 * What a history snapshot stores: the board document's current content (every root, see
 * @quadrant/board-model roots) written into a fresh Y.Doc and encoded as one update. A fresh doc,
 * not the live one's encoding: the live doc carries every deletion of the session, the snapshot
 * only what the board held, so its size tracks the board, not the length of the workshop.
 */
export function encodeContent(content: BoardSnapshot): Uint8Array {
  const doc = serverDoc();
  writeSnapshot(doc, content);
  const bytes = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return bytes;
}

export function decodeContent(bytes: Uint8Array): BoardSnapshot {
  const doc = serverDoc();
  Y.applyUpdate(doc, bytes);
  const content = snapshotBoard(doc);
  doc.destroy();
  return content;
}

/** Elements a person would see (tombstones of deleted ones are not counted). */
export function visibleElements(content: BoardSnapshot): Record<string, unknown>[] {
  return Object.values(content.elements).filter((element) => element["isDeleted"] !== true);
}
