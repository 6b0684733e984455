import { createHash } from "node:crypto";
import { ClientId } from "@quadrant/facilitation";
import type { BoardAccess } from "./board-access";

/**
 * Who a facilitation caller is. Votes, scores, private notes and the ready mark
 * are per participant id (docs/facilitation.md, "Who is who").
 *
 * A claimed id (the `participant` query parameter) is a client-chosen bearer
 * secret: the web client keeps 128 random bits in localStorage. One too short to
 * be unguessable, or with characters an id cannot have, is not trusted as an
 * identity, and the caller is anonymous instead.
 */
const MIN_PARTICIPANT_ID = 16;

function trusted(claimed: string | undefined): string | null {
  return claimed !== undefined && claimed.length >= MIN_PARTICIPANT_ID && ClientId.safeParse(claimed).success ? claimed : null;
}

/** A websocket's participant: its claimed id, else anonymous for the life of the socket. */
export function socketParticipant(identity: { id: string; participant?: string }): string {
  return trusted(identity.participant) ?? `conn-${identity.id.replace(/[^A-Za-z0-9_-]/g, "")}`.slice(0, 64);
}

/**
 * A REST caller's participant: its claimed id, else one derived from its link
 * and its address. The same script on the same machine with the same link is
 * one participant from request to request (it can cast a vote and read its own
 * ballot back, and the vote limit counts it once), while two callers are two
 * participants. It was one shared "rest-anonymous" for every caller, so one
 * anonymous vote used up everyone's allowance. A hash: the id reveals neither
 * the token nor the address, and a rotated link is a new caller.
 */
export function restParticipant(claimed: string | undefined, access: BoardAccess, address: string): string {
  const trustedId = trusted(claimed);
  if (trustedId !== null) return trustedId;
  const digest = createHash("sha256").update(`${access.token}\n${address}`, "utf8").digest("base64url");
  return `rest-${digest.slice(0, 22)}`;
}
