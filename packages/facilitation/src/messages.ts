import { z } from "zod";
import { Command } from "./commands";
import { FacilitationView } from "./view";
import { Viewport } from "./state";

/*
 * Facilitation's control messages: the JSON a control frame carries. The frame itself
 * (type 100 + JSON text) is @quadrant/protocol's encodeControlFrame / decodeControlFrame.
 */

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
