import * as Y from "yjs";

/**
 * A Y.Doc for the server's own use (a room's document, a compaction or history scratch doc).
 * Yjs gives every new Doc a random guid, built one random number per character (~30 calls to
 * crypto.getRandomValues, ~0.2 ms); loading 1,000 boards spent ~200 ms of CPU on guids alone
 * (issue 17 profile). A guid only names subdocuments, which boards do not use, and never
 * travels in an update, so server docs share one.
 */
export function serverDoc(): Y.Doc {
  return new Y.Doc({ gc: true, guid: "quadrant-server-doc" });
}
