import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";

/**
 * Resolves at the first animation frame after Excalidraw committed a render in which element `id`
 * stands at `x` (its onChange runs in that commit, the static canvas is drawn right after it): the
 * frame that shows the change. Asking only whether the scene held it counted a frame that came
 * before React had rendered and drawn the change whenever the frame fell due first. Used by the
 * benchmark on the board page (testHook.ts) and on the bare Excalidraw page alike, so both count
 * the same frame. Call it before the change is made.
 */
export function frameShowingX(api: ExcalidrawImperativeAPI, id: string, x: number): Promise<void> {
  return new Promise((resolve) => {
    let committed = false;
    const stop = api.onChange((elements) => {
      if (!elements.some((e) => e.id === id && e.x === x)) return;
      committed = true;
      stop();
    });
    const check = (): void => {
      if (committed) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}
