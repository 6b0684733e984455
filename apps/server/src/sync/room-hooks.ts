import { canEdit } from "@quadrant/protocol";
import type { Connection } from "./connection";
import type { RoomHandle } from "./room-handle";

/**
 * Extension points of a room. Facilitation (#5) replaces the write policy (a
 * board lock makes editors read-only) and handles control frames; the defaults
 * are the plain product: editors and facilitators write, control frames are ignored.
 */
export interface RoomHooks {
  /** Checked for every document update a connection sends; false drops the update. */
  canWriteDocument(connection: Connection, room: RoomHandle): boolean;
  /**
   * Checked for every update the write policy admits; true means the hook took it
   * (a private brainstorm holds it until the reveal) and the room neither applies,
   * stores nor relays it (SS15).
   */
  holdUpdate(connection: Connection, room: RoomHandle, update: Uint8Array): boolean;
  /** A `MessageType.Control` frame (JSON text) arrived from a connection. */
  onControlFrame(room: RoomHandle, connection: Connection, payload: string): void;
  onConnectionJoined(room: RoomHandle, connection: Connection): void;
  onConnectionLeft(room: RoomHandle, connection: Connection): void;
  /** Another instance changed this board's control state (fan-out `control-changed`). */
  onControlChanged(room: RoomHandle): void;
  /** The room was loaded (before any connection joins) or is about to be unloaded. */
  onRoomLoaded(room: RoomHandle): void;
  onRoomUnloading(room: RoomHandle): void;
}

export const defaultRoomHooks: RoomHooks = {
  canWriteDocument: (connection) => canEdit(connection.role),
  holdUpdate: () => false,
  onControlFrame() {},
  onConnectionJoined() {},
  onConnectionLeft() {},
  onControlChanged() {},
  onRoomLoaded() {},
  onRoomUnloading() {},
};

/** Fills the hooks not given with the defaults. */
export function withDefaultHooks(partial: Partial<RoomHooks> = {}): RoomHooks {
  return { ...defaultRoomHooks, ...partial };
}
