import type * as Y from "yjs";
import type { Connection } from "./connection";

/**
 * What code outside the sync layer may do with a live room: hooks and
 * extensions (facilitation), and routes through `RoomRegistry.acquire`. The
 * room's lifecycle (load, tick, write, compact, unload, delete) stays with the
 * room and its registry; none of it is reachable from here.
 */
export interface RoomHandle {
  readonly boardId: string;
  /** Read it freely; change it only through `applyServerChange` (a direct change would skip SS3). */
  readonly doc: Y.Doc;
  /**
   * The doc's update events, without reading the doc: a cold room applies its stored
   * snapshot only once its joiners have it (SS9a), and `doc` would apply it at once.
   */
  observeUpdates(listener: (update: Uint8Array, origin: unknown) => void): () => void;
  readonly connections: ReadonlySet<Connection>;
  /**
   * Changes the document from server code. The change goes through the same
   * pipeline as a client's (SS3): written durably, then broadcast. Resolves once durable.
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void>;
  /** A control frame (type 100) to one connection, if it opted in (SS12). */
  sendControl(connection: Connection, payload: string): void;
  /** A control frame to every opted-in connection of the room (SS12). */
  broadcastControl(payload: string): void;
}
