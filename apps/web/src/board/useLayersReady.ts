import { useEffect, useState } from "react";
import type { BoardSession } from "./useBoardSession";
import type { InitialView } from "./useInitialFit";

/** How long the layers wait for the board to be shown before they render anyway (a slow or silent server). */
const LAYERS_WAIT_MS = 2_000;

/**
 * True once the board has been shown at its first view (fitted, or left as it was), or can get
 * no content for now (offline, reconnecting), or LAYERS_WAIT_MS after the session began.
 *
 * Why (issue 17, opening a board): the panels' and layers' first render is a few hundred ms of
 * main-thread work that a person looks at only once the board is there. Rendered at the first
 * sync, it ran between the sync and the canvas's first draw of the whole board (which waits for
 * IndexedDB, the fonts and Excalidraw's start-up), and delayed that draw by as much.
 */
export function useLayersReady(session: BoardSession | null, initialView: InitialView): boolean {
  const [ready, setReady] = useState(false);
  const hasSession = session !== null;
  const status = session?.status;
  const shown = initialView !== "pending";

  useEffect(() => {
    if (ready || !hasSession) return undefined;
    if (shown || status === "offline" || status === "reconnecting") {
      setReady(true);
      return undefined;
    }
    const timer = setTimeout(() => setReady(true), LAYERS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [ready, hasSession, status, shown]);

  return ready;
}
