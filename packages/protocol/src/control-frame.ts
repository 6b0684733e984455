import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType } from "./messages";

/**
 * Control frames (message type 100) carry one JSON text: varUint(MessageType.Control)
 * followed by varString(json). The server's wire codec, its rooms and the web client's
 * control channel all read and write them through these three functions; what the JSON
 * means (save status here, facilitation in @quadrant/facilitation) is each reader's schema.
 */
export function encodeControlFrame(json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Control);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/**
 * The JSON text of a control frame whose message type has been read already: a
 * y-websocket message handler's decoder, or the server codec's. Throws when the
 * bytes end early (lib0's decoders do; the codec turns that into `malformed`).
 */
export function readControlText(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder);
}

/** The parsed JSON of a whole control frame, or null when the frame is another type or malformed. */
export function decodeControlFrame(frame: Uint8Array): unknown {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Control) return null;
    return JSON.parse(readControlText(decoder)) as unknown;
  } catch {
    return null;
  }
}
