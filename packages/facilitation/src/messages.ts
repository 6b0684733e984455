import { z } from "zod";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType } from "@quadrant/protocol";
import { Command } from "./commands";
import { FacilitationView } from "./view";
import { Viewport } from "./state";

/** Client → server control message: a command with a client-chosen id echoed in a refusal. */
export const ClientControlMessage = z.strictObject({
  id: z.number().int().min(0).max(2 ** 31),
  command: Command,
});
export type ClientControlMessage = z.infer<typeof ClientControlMessage>;

/** Server → client control message. */
export const ServerControlMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("view"), view: FacilitationView }),
  /** One-shot "bring everyone here". */
  z.strictObject({ type: z.literal("summon"), viewport: Viewport, serverNow: z.number() }),
  z.strictObject({
    type: z.literal("refused"),
    id: z.number().nullable(),
    reason: z.enum(["forbidden", "conflict", "limit", "not-found", "invalid"]),
    message: z.string(),
  }),
]);
export type ServerControlMessage = z.infer<typeof ServerControlMessage>;

/** Control frames are varUint(MessageType.Control) + varString(JSON). */
export function encodeControlFrame(message: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Control);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** The JSON payload of a control frame, or null when the frame is not one (or is malformed). */
export function decodeControlFrame(frame: Uint8Array): unknown {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Control) return null;
    return JSON.parse(decoding.readVarString(decoder)) as unknown;
  } catch {
    return null;
  }
}
