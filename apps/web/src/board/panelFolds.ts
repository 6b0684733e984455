import { z } from "zod";

/**
 * Which side-panel sections a person folded, remembered per browser (a layout choice, like the
 * facilitation dock's open state in facilitation/dockState.ts), not per board.
 */
const KEY = "quadrant.panelFolds.v1";
/** Section ids are short slugs; anything else in storage is ignored rather than trusted. */
const Stored = z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(100);

export type FoldStorage = Pick<Storage, "getItem" | "setItem">;

function browserStorage(): FoldStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (some private modes): nothing is remembered
  }
}

/** The folded section ids; an unreadable or foreign value means "nothing folded". */
export function readFolded(storage: FoldStorage | null = browserStorage()): Set<string> {
  try {
    const raw = storage?.getItem(KEY);
    const parsed = Stored.safeParse(raw ? JSON.parse(raw) : []);
    return new Set(parsed.success ? parsed.data : []);
  } catch {
    return new Set();
  }
}

/** Folds or unfolds one section and returns the new set (also stored, when storage allows). */
export function setFolded(id: string, folded: boolean, storage: FoldStorage | null = browserStorage()): Set<string> {
  const next = readFolded(storage);
  if (folded) next.add(id);
  else next.delete(id);
  try {
    storage?.setItem(KEY, JSON.stringify([...next]));
  } catch {
    // full or blocked storage: the fold still applies on this page
  }
  return next;
}
