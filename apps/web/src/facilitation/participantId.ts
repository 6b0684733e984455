const KEY = "quadrant.participant.v1";
const PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * This browser's participant id: 128 random bits, kept in localStorage. The
 * server files votes, scores and private notes under it, so it is a secret:
 * it goes only into our own websocket URL, never into presence.
 */
export function participantId(storage: Storage = localStorage, random: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b)): string {
  try {
    const existing = storage.getItem(KEY);
    if (existing && PATTERN.test(existing)) return existing;
  } catch {
    // Storage may be unavailable (privacy mode): fall through to a per-page id.
  }
  const bytes = new Uint8Array(16);
  random(bytes);
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  try {
    storage.setItem(KEY, id);
  } catch {
    // ignore: the id still works for this page
  }
  return id;
}
