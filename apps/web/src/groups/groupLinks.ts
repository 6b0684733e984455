import { boardLink } from "../app/links";

/** Made in @quadrant/facilitation, where the server makes a restored board's codes too. */
export { newJoinCode } from "@quadrant/facilitation";

/** A group's share link: the participant link plus `g=<code>` in the fragment (never sent to the server as a URL). */
export function groupLink(origin: string, boardId: string, participantToken: string, code: string): string {
  return `${boardLink(origin, boardId, participantToken)}&g=${encodeURIComponent(code)}`;
}

/** The join code a page was opened with (`#t=…&g=…`), or null. */
export function groupCodeFromHash(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, "")).get("g");
  return code && /^[A-Za-z0-9_-]{16,64}$/.test(code) ? code : null;
}
