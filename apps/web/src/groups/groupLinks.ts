import { boardLink } from "../app/links";

/** 128 random bits, URL-safe: a group's join code is an unguessable bearer secret (GroupJoinCode). */
export function newJoinCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A group's share link: the participant link plus `g=<code>` in the fragment (never sent to the server as a URL). */
export function groupLink(origin: string, boardId: string, participantToken: string, code: string): string {
  return `${boardLink(origin, boardId, participantToken)}&g=${encodeURIComponent(code)}`;
}

/** The join code a page was opened with (`#t=…&g=…`), or null. */
export function groupCodeFromHash(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, "")).get("g");
  return code && /^[A-Za-z0-9_-]{16,64}$/.test(code) ? code : null;
}
