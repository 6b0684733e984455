import { z } from "zod";

/**
 * Server → opted-in client control message (MessageType.Control): whether the
 * board's latest changes are durable. Sent when a storage write fails (the
 * server keeps the changes in memory and retries), to every joiner while it
 * keeps failing, and once more with `saved: true` when a retry succeeded.
 * Stock clients never receive it (they cannot decode type 100).
 */
export const SaveStatus = z.discriminatedUnion("saved", [
  z.strictObject({
    type: z.literal("save-status"),
    saved: z.literal(false),
    /** Epoch ms (server clock) of the first failed write of this outage. */
    since: z.number().int().nonnegative(),
    /** The server still holds the changes and retries; false would mean it gave up. */
    retrying: z.boolean(),
  }),
  z.strictObject({ type: z.literal("save-status"), saved: z.literal(true) }),
]);
export type SaveStatus = z.infer<typeof SaveStatus>;
