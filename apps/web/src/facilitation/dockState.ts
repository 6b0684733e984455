import { z } from "zod";

/** Whether the facilitation dock is open, remembered per browser (not per board: it is a layout choice). */
const KEY = "quadrant.facilitationDock.v1";
const Stored = z.enum(["open", "closed"]);

/** Below this the canvas needs the room: the dock starts collapsed until the person opens it. */
const SMALL_VIEWPORT = "(max-width: 1100px), (max-height: 680px)";

export function initialDockOpen(): boolean {
  try {
    const stored = Stored.safeParse(localStorage.getItem(KEY));
    if (stored.success) return stored.data === "open";
  } catch {
    // storage unavailable (private mode, blocked): fall back to the viewport default
  }
  return !window.matchMedia(SMALL_VIEWPORT).matches;
}

export function rememberDockOpen(open: boolean): void {
  try {
    localStorage.setItem(KEY, open ? "open" : "closed");
  } catch {
    // not remembered; the dock still works for this page
  }
}
