import type { ExcalidrawScene } from "../collab/excalidrawScene";

/**
 * Room Excalidraw's own UI takes over the canvas, in screen pixels: the shape
 * toolbar and its hint line at the top, zoom/undo and help at the bottom. A fit
 * that ignores them puts the template's labels under the menus.
 */
const EDITOR_UI = { top: 92, bottom: 68, left: 24, right: 24 } as const;
/** Share of the remaining area the content may cover: a margin all round, room for frame names. */
const ZOOM_FACTOR = 0.92;
/** Never blow a single small note up to fill the screen, nor zoom below readability. */
const MAX_ZOOM = 1;
const MIN_ZOOM = 0.2;

/** Zooms and centres the view so the whole board is visible with a comfortable margin. */
export function fitBoardToView(scene: ExcalidrawScene): boolean {
  const elements = scene.api.getSceneElements();
  if (elements.length === 0) return false;
  scene.api.scrollToContent(elements, {
    fitToViewport: true,
    viewportZoomFactor: ZOOM_FACTOR,
    canvasOffsets: EDITOR_UI,
    maxZoom: MAX_ZOOM,
    minZoom: MIN_ZOOM,
    animate: false,
  });
  return true;
}
