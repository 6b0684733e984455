import { z } from "zod";

/** Whether the facilitation dock is open, remembered per browser (not per board: it is a layout choice). */
const KEY = "quadrant.facilitationDock.v1";
const Stored = z.enum(["open", "closed"]);

/** Below this the canvas needs the room: the dock starts folded until the person opens it. */
const SMALL_VIEWPORT = "(max-width: 1100px), (max-height: 680px)";

/** What the dock state needs from the browser; tests pass their own. */
export interface DockEnv {
  storage: Pick<Storage, "getItem" | "setItem"> | null;
  isSmallViewport: () => boolean;
}

function browserEnv(): DockEnv {
  let storage: DockEnv["storage"] = null;
  try {
    storage = window.localStorage;
  } catch {
    // storage blocked (some private modes): nothing is remembered
  }
  return { storage, isSmallViewport: () => window.matchMedia(SMALL_VIEWPORT).matches };
}

/** The person's last choice, else open on a large screen and folded on a small one. */
export function initialDockOpen(env: DockEnv = browserEnv()): boolean {
  try {
    const stored = Stored.safeParse(env.storage?.getItem(KEY));
    if (stored.success) return stored.data === "open";
  } catch {
    // unreadable storage: fall back to the viewport default
  }
  return !env.isSmallViewport();
}

export function rememberDockOpen(open: boolean, env: DockEnv = browserEnv()): void {
  try {
    env.storage?.setItem(KEY, open ? "open" : "closed");
  } catch {
    // full or blocked storage: not remembered, the dock still works on this page
  }
}
