import type { ExcalidrawScene } from "../collab/excalidrawScene";

/**
 * Room Excalidraw's own UI takes over the canvas, in screen pixels: the shape
 * toolbar and its hint line at the top, zoom/undo and help at the bottom. A fit
 * that ignores them puts the template's labels under the menus.
 */
const EDITOR_UI = { top: 92, bottom: 68, left: 24, right: 24 } as const;
/**
 * Excalidraw's style panel (colours, stroke, font) opens at the canvas's left, 12.5rem wide, as
 * soon as a note is selected: a fit leaves that strip free so the panel never covers the template
 * a person is working in. It is absent in view mode and zen mode (presentation), and below
 * Excalidraw's phone breakpoint it sits at the bottom instead.
 */
const STYLE_PANEL_LEFT = 232;
const EXCALIDRAW_PHONE_WIDTH = 730;
/** Share of the remaining area the content may cover: a margin all round, room for frame names. */
const ZOOM_FACTOR = 0.92;
/** Never blow a single small note up to fill the screen, nor zoom below readability. */
const MAX_ZOOM = 1;
const MIN_ZOOM = 0.2;

/** How many frames a just-written element may take to reach the canvas through the binding. */
const SHOWN_WITHIN_FRAMES = 30;

/** Zooms and centres the view so the whole board is visible with a comfortable margin. */
export function fitBoardToView(scene: ExcalidrawScene): boolean {
  return fitElements(scene, scene.api.getSceneElements());
}

/** Zooms and centres this person's view on one element (a template or theme frame); false when it is not on the canvas. */
export function fitElementToView(scene: ExcalidrawScene, id: string): boolean {
  return fitElements(scene, scene.api.getSceneElements().filter((e) => e.id === id));
}

/**
 * Fits the view to an element that was just written to the document: the binding puts it on
 * the canvas asynchronously, so wait (a frame at a time, a bounded number of frames) for it
 * to be shown first. Resolves to whether the view was fitted.
 */
export function fitElementWhenShown(scene: ExcalidrawScene, id: string): Promise<boolean> {
  return new Promise((resolve) => {
    let frames = 0;
    const attempt = () => {
      if (fitElementToView(scene, id)) return resolve(true);
      if (++frames >= SHOWN_WITHIN_FRAMES) return resolve(false);
      requestAnimationFrame(attempt);
    };
    attempt();
  });
}

function fitElements(scene: ExcalidrawScene, elements: ReturnType<ExcalidrawScene["api"]["getSceneElements"]>): boolean {
  if (elements.length === 0) return false;
  scene.api.scrollToContent(elements, {
    fitToViewport: true,
    viewportZoomFactor: ZOOM_FACTOR,
    canvasOffsets: offsetsFor(scene),
    maxZoom: MAX_ZOOM,
    minZoom: MIN_ZOOM,
    animate: false,
  });
  return true;
}

function offsetsFor(scene: ExcalidrawScene) {
  const app = scene.api.getAppState();
  const stylePanel = !app.viewModeEnabled && !app.zenModeEnabled && app.width >= EXCALIDRAW_PHONE_WIDTH;
  return stylePanel ? { ...EDITOR_UI, left: STYLE_PANEL_LEFT } : EDITOR_UI;
}
