import type { OrderedExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { ExcalidrawInitialDataState } from "@excalidraw/excalidraw/types";
import { elementsMap } from "@quadrant/board-model";
import { readScene } from "../collab/elementBinding";
import type { BoardSession } from "./useBoardSession";

/** After IndexedDB, how long the canvas waits for the server's copy before opening with what this browser has. */
export const SYNC_WAIT_MS = 3000;

/**
 * The scene Excalidraw opens with (`initialData`, awaited by its own start-up): the
 * document once IndexedDB has loaded and the websocket has synced, or has failed
 * (offline, refused, reconnecting), or SYNC_WAIT_MS have passed. Opening with the
 * content costs one clone per element; mounting empty and applying 2,000 elements
 * afterwards cost a reconcile and a second whole-scene update
 * (docs/web-performance.md). Whatever arrives later reaches the canvas through the
 * binding, which starts only after this start-up (the late-joiner reset).
 */
export async function firstScene(
  session: Pick<BoardSession, "doc" | "connection" | "whenLocalLoaded">,
  waitMs = SYNC_WAIT_MS,
): Promise<ExcalidrawInitialDataState> {
  const { doc, connection, whenLocalLoaded } = session;
  await whenLocalLoaded;
  const provider = connection.provider;
  const settled = () => provider.synced || connection.status === "offline" || connection.status === "reconnecting";
  if (!settled()) {
    await new Promise<void>((resolve) => {
      const done = () => {
        provider.off("sync", onSync);
        unsubscribe();
        clearTimeout(timer);
        resolve();
      };
      const onSync = (synced: boolean) => {
        if (synced) done();
      };
      provider.on("sync", onSync);
      const unsubscribe = connection.subscribe(() => {
        if (settled()) done();
      });
      const timer = setTimeout(done, waitMs);
    });
  }
  return { elements: readScene<OrderedExcalidrawElement>(elementsMap(doc)) };
}
