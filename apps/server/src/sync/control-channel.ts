import { encodeControl } from "./codec";
import type { Connection } from "./connection";

/*
 * The control channel (SS12): Quadrant's own frames (type 100, JSON text) on the
 * board's socket. Stock y-websocket clients cannot decode type 100 and would
 * close, so only connections that opted in with `control=1` ever get one.
 */

export function sendControl(connection: Connection, payload: string): void {
  if (connection.identity.wantsControl) connection.send(encodeControl(payload));
}

/** One encode for the whole room, however many connections opted in. */
export function broadcastControl(connections: Iterable<Connection>, payload: string): void {
  const frame = encodeControl(payload);
  for (const connection of connections) {
    if (connection.identity.wantsControl) connection.send(frame);
  }
}
