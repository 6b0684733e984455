import { type RefObject, useEffect } from "react";
import { CaptureUpdateAction, getCommonBounds } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { panClearOf, type ScreenRect } from "./panClearOf";

/**
 * Excalidraw 0.18's style panel (colours, stroke, font): its own CLASSES.SHAPE_ACTIONS_MENU, the
 * class its App.getEditorUIOffsets reads too. Absent when nothing is selected, in view and zen mode,
 * and on a phone (there the styles open from the bottom toolbar, over nothing we pan for).
 */
const STYLE_PANEL = ".App-menu__left";
/** Long enough to see where the view went, short enough not to be waited for. */
const PAN_MS = 180;

const rectOf = (r: DOMRect): ScreenRect => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

type AppState = ReturnType<ExcalidrawScene["api"]["getAppState"]>;

/**
 * What the person is working on: the selection, or the text they are typing into (Excalidraw
 * clears the selection while a label is edited, yet shows the panel, so a double click on a
 * note's label counts as a new focus too).
 */
function focusIds(state: AppState): string[] {
  const ids = Object.keys(state.selectedElementIds);
  const editing = state.editingTextElement;
  if (editing) ids.push(editing.id, ...(editing.type === "text" && editing.containerId ? [editing.containerId] : []));
  return ids.sort();
}

/**
 * After a click or tap, wait out a possible second one before moving the view: a double click
 * (edit the note's text) whose second click landed on a view already moving would hit another
 * spot. Excalidraw's own double-tap window (TAP_TWICE_TIMEOUT) is 300 ms.
 */
const SECOND_CLICK_MS = 300;

/**
 * Excalidraw's style panel never covers what this person just selected: when a selection lands
 * under the panel (a note at the view's left after panning), this person's view pans sideways just
 * enough to bring it clear, zoom unchanged. Only for a new selection, never during a gesture: a
 * selection made by pressing on a note is checked once the finger or button has lifted, and not
 * at all if the press dragged (the person put the note there; the view must not move under them).
 */
export function useSelectionClearOfStylePanel(scene: ExcalidrawScene | null, container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!scene) return;
    const { api } = scene;
    let selection = "";
    /** A new selection (or label being edited) not checked yet. */
    let pending = false;
    let pressed = false;
    let check: ReturnType<typeof setTimeout> | undefined;
    let pan = 0;
    const stopPanning = () => cancelAnimationFrame(pan);
    const cancelCheck = () => clearTimeout(check);

    const bringClear = () => {
      pending = false;
      const panel = container.current?.querySelector(STYLE_PANEL)?.getBoundingClientRect();
      if (!panel || panel.width === 0) return;
      const state = api.getAppState();
      const ids = new Set(focusIds(state));
      const chosen = api.getSceneElements().filter((e) => ids.has(e.id));
      if (chosen.length === 0) return;
      const [minX, minY, maxX, maxY] = getCommonBounds(chosen);
      const zoom = state.zoom.value;
      const toScreenX = (x: number) => (x + state.scrollX) * zoom + state.offsetLeft;
      const toScreenY = (y: number) => (y + state.scrollY) * zoom + state.offsetTop;
      const view = { left: state.offsetLeft, top: state.offsetTop, right: state.offsetLeft + state.width, bottom: state.offsetTop + state.height };
      const dx = panClearOf({ left: toScreenX(minX), top: toScreenY(minY), right: toScreenX(maxX), bottom: toScreenY(maxY) }, rectOf(panel), view);
      if (dx !== 0) panBy(dx / zoom);
    };

    /** Scrolls by `dx` scene units, eased over PAN_MS (at once for people who asked for less motion). */
    const panBy = (dx: number) => {
      stopPanning();
      const from = api.getAppState().scrollX;
      const instant = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
      const started = performance.now();
      // Every scroll this glide has set: Excalidraw's state takes a set value when React commits,
      // which on a busy machine can be a frame or more after the next animation frame.
      const ours = [from];
      const step = () => {
        // Someone else moved the view meanwhile (a wheel, "bring everyone here"): theirs wins.
        const now = api.getAppState().scrollX;
        if (!ours.some((x) => Math.abs(now - x) < 0.01)) return;
        const t = instant ? 1 : Math.min(1, (performance.now() - started) / PAN_MS);
        const scrollX = from + dx * (1 - (1 - t) ** 3);
        ours.push(scrollX);
        // NEVER: moving one's own view is not an edit to undo.
        api.updateScene({ appState: { scrollX }, captureUpdate: CaptureUpdateAction.NEVER });
        if (t < 1) pan = requestAnimationFrame(step);
      };
      step();
    };

    const checkAfter = (ms: number) => {
      cancelCheck();
      check = setTimeout(bringClear, ms);
    };

    const offChange = api.onChange((_elements, state) => {
      const now = focusIds(state).join(",");
      if (now === selection) return;
      selection = now;
      stopPanning();
      cancelCheck();
      pending = now !== "";
      // From the keyboard or our own panels (a quick note selects what it placed): once the panel shows.
      if (pending && !pressed) checkAfter(0);
    });
    const offDown = api.onPointerDown(() => {
      pressed = true;
      stopPanning();
      cancelCheck();
    });
    const offUp = api.onPointerUp((_tool, press) => {
      pressed = false;
      if (press.drag.hasOccurred) pending = false;
      if (pending) checkAfter(SECOND_CLICK_MS);
    });
    return () => {
      offChange();
      offDown();
      offUp();
      cancelCheck();
      stopPanning();
    };
  }, [scene, container]);
}
