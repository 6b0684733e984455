import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ROLES, type Role } from "@quadrant/protocol";
import type { TokenHashes } from "../storage/storage";

/** 128 bits, base64url (22 characters): unguessable board ids. */
export function newBoardId(): string {
  return randomBytes(16).toString("base64url");
}

/** 256 bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newBoardTokens(): { tokens: Record<Role, string>; hashes: TokenHashes } {
  const tokens = { facilitator: newToken(), editor: newToken(), viewer: newToken() };
  const hashes = {
    facilitator: hashToken(tokens.facilitator),
    editor: hashToken(tokens.editor),
    viewer: hashToken(tokens.viewer),
  };
  return { tokens, hashes };
}

/**
 * The role a token grants on a board, or null. Compares the SHA-256 of the token
 * with every role's hash in constant time, without stopping at the first match.
 */
export function roleForToken(hashes: TokenHashes, token: string | undefined): Role | null {
  if (token === undefined || token.length === 0 || token.length > 512) return null;
  const candidate = Buffer.from(hashToken(token), "hex");
  let found: Role | null = null;
  for (const role of ROLES) {
    const stored = Buffer.from(hashes[role], "hex");
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate) && found === null) {
      found = role;
    }
  }
  return found;
}
