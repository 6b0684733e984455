import { z } from "zod";

/**
 * Big rooms (docs/deployment.md, "Presence in big rooms"): the server relays each person's cursor at full
 * rate only to the people near them on the canvas and everyone's cursor of the people who edited
 * recently; everyone else is summarised in this awareness state, under the reserved client id
 * PRESENCE_SUMMARY_CLIENT_ID, a few times a minute. Clients that do not know it ignore it (it is not a
 * participant's state).
 */
export const PRESENCE_SUMMARY_CLIENT_ID = 0;

export const PresenceSummary = z.object({
  presenceSummary: z.object({
    /** Everyone with a presence state in the room. */
    people: z.number().int().nonnegative(),
    /** The busiest canvas areas: centre (scene coordinates) and how many people are there. */
    areas: z.array(z.object({ x: z.number(), y: z.number(), people: z.number().int().positive() })).max(64),
  }),
});
export type PresenceSummary = z.infer<typeof PresenceSummary>;
