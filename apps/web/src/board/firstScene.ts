import type { OrderedExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type { ExcalidrawInitialDataState } from "@excalidraw/excalidraw/types";
import { elementsMap } from "@quadrant/board-model";
import { readScene } from "../collab/elementBinding";
import { type FitFrame, fittedView } from "./fitView";
import type { BoardSession } from "./useBoardSession";

/**
 * The scene Excalidraw opens with (`initialData`, awaited by its own start-up): what
 * the document holds once IndexedDB has loaded. main.tsx started the websocket while
 * the board's code loaded, so the server's copy has usually arrived by then too.
 * Opening with the content costs one clone of the elements; mounting empty and
 * applying 2,000 elements afterwards cost a reconcile and a second whole-scene update
 * (docs/web-performance.md). It does not wait for the websocket: Excalidraw's start-up
 * (and the font load after it) would then queue behind the server, which is slower
 * than applying what arrives later; that reaches the canvas through the binding, which
 * starts only after this start-up (the late-joiner reset).
 */
export async function firstScene(
  session: Pick<BoardSession, "doc" | "whenLocalLoaded">,
  /** The canvas as it will open (read once the content is there), for the first view; null: Excalidraw's default view. */
  frame: () => FitFrame | null,
): Promise<ExcalidrawInitialDataState> {
  const { doc, whenLocalLoaded } = session;
  await whenLocalLoaded;
  const elements = readScene<OrderedExcalidrawElement>(elementsMap(doc));
  // Opened at the view useInitialFit would fit it to, so Excalidraw draws it once; that fit then finds nothing to move.
  const at = frame();
  const view = at ? fittedView(elements, at) : null;
  return view ? { elements, appState: view } : { elements };
}
