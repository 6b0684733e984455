import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { CONTROL_PARAM, MessageType, SaveStatus } from "@quadrant/protocol";
import { stockClient, type StockClient } from "./stock-client";

export interface SaveStatusClient extends StockClient {
  /** Every save-status control message received, in order. */
  statuses: SaveStatus[];
  /** The latest one, or null before the first. */
  latest(): SaveStatus | null;
}

/**
 * A y-websocket client opted into the control channel (as the web app is),
 * recording the save-status messages. Other control messages (facilitation
 * views) are ignored here.
 */
export function saveStatusClient(wsUrl: string, boardId: string, token: string): SaveStatusClient {
  const client = stockClient(wsUrl, boardId, token, { params: { [CONTROL_PARAM]: "1" } });
  const statuses: SaveStatus[] = [];
  client.provider.messageHandlers[MessageType.Control] = (_encoder, decoder) => {
    const parsed = SaveStatus.safeParse(JSON.parse(decoding.readVarString(decoder)));
    if (parsed.success) statuses.push(parsed.data);
  };
  return { ...client, statuses, latest: () => statuses.at(-1) ?? null };
}

export interface FrameTypeRecorder {
  /** The message type (first varint) of every frame received. */
  types: number[];
  close(): void;
}

/** A raw socket without the control opt-in, as a stock client connects: records what it is sent. */
export async function recordFrameTypes(wsUrl: string, boardId: string, token: string): Promise<FrameTypeRecorder> {
  const socket = new WebSocket(`${wsUrl}/${boardId}?token=${token}`);
  const types: number[] = [];
  socket.on("message", (data: Buffer) => types.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data)))));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { types, close: () => socket.close() };
}
