import { z } from "zod";
import { ClientId, CommentAnchor } from "./state";

/** One participant's comments (comments.ts commentsViewFor): names, never participant ids; held messages only to their author. */
export const CommentsView = z.strictObject({
  /** Whether this person may write (viewers only while the facilitator allows it). */
  mayComment: z.boolean(),
  viewersMayComment: z.boolean(),
  /** Names to offer for @mentions: the whole roster for the facilitator, else the names in the visible threads. */
  people: z.array(z.string()),
  /** Unread messages across every thread (others' messages newer than this person's read marker). */
  unread: z.number(),
  threads: z.array(
    z.strictObject({
      id: ClientId,
      anchor: CommentAnchor,
      resolved: z.strictObject({ by: z.string(), at: z.number() }).nullable(),
      createdAt: z.number(),
      unread: z.number(),
      /** An unread message mentions this person. */
      mentionsMe: z.boolean(),
      messages: z.array(
        z.strictObject({
          id: ClientId,
          author: z.string(),
          mine: z.boolean(),
          text: z.string(),
          mentions: z.array(z.string()),
          mentionsMe: z.boolean(),
          at: z.number(),
          editedAt: z.number().nullable(),
          /** Written during the private brainstorm: only its author sees it until the reveal. */
          held: z.boolean(),
        }),
      ),
    }),
  ),
});
export type CommentsView = z.infer<typeof CommentsView>;
