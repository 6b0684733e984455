import { useEffect, useState } from "react";
import type { BoardSession } from "./useBoardSession";

/** How long the layers wait for the first sync before they render anyway (a slow or silent server). */
const LAYERS_WAIT_MS = 2_000;

/**
 * True once the board's document has had its first sync with the server, or can have none for
 * now (offline, reconnecting), or LAYERS_WAIT_MS after the session began.
 *
 * Why (issue 17, opening a board): the panels and layers rendered while the first sync's
 * message was on its way, and their render tasks queued before the tasks in which Chromium
 * hands a large websocket message to the page, so a big board's content arrived later. Their
 * first render also read a document that was about to change completely.
 */
export function useFirstSync(session: BoardSession | null): boolean {
  const [ready, setReady] = useState(false);
  const provider = session?.connection.provider ?? null;
  const status = session?.status;

  useEffect(() => {
    if (ready || !provider) return undefined;
    if (provider.synced || status === "offline" || status === "reconnecting") {
      setReady(true);
      return undefined;
    }
    const onSync = (synced: boolean) => {
      if (synced) setReady(true);
    };
    provider.on("sync", onSync);
    const timer = setTimeout(() => setReady(true), LAYERS_WAIT_MS);
    return () => {
      provider.off("sync", onSync);
      clearTimeout(timer);
    };
  }, [ready, provider, status]);

  return ready;
}
