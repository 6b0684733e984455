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

/**
 * Several extensions on one room (facilitation, board history): each notification goes to every
 * part, in order. The two policies (canWriteDocument, holdUpdate) stay single-owner: the first
 * part that defines one decides, so adding a listener never changes who may write.
 */
export function combineHooks(...parts: Partial<RoomHooks>[]): Partial<RoomHooks> {
  const all = <K extends keyof RoomHooks>(name: K): RoomHooks[K][] =>
    parts.flatMap((part) => (part[name] === undefined ? [] : [part[name] as RoomHooks[K]]));
  const combined: Partial<RoomHooks> = {
    onControlFrame: (room, connection, payload) => all("onControlFrame").forEach((hook) => hook(room, connection, payload)),
    onConnectionJoined: (room, connection) => all("onConnectionJoined").forEach((hook) => hook(room, connection)),
    onConnectionLeft: (room, connection) => all("onConnectionLeft").forEach((hook) => hook(room, connection)),
    onControlChanged: (room) => all("onControlChanged").forEach((hook) => hook(room)),
    onRoomLoaded: (room) => all("onRoomLoaded").forEach((hook) => hook(room)),
    onRoomUnloading: (room) => all("onRoomUnloading").forEach((hook) => hook(room)),
  };
  const [canWrite] = all("canWriteDocument");
  const [hold] = all("holdUpdate");
  if (canWrite) combined.canWriteDocument = canWrite;
  if (hold) combined.holdUpdate = hold;
  return combined;
}
