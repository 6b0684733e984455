import { useEffect, useRef } from "react";
import { viewportCoordsToSceneCoords } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

/** Shapes a person can vote on or score; lines, arrows, drawings, images and frames are not notes (RULE 9). */
const NOTE_SHAPES = new Set(["rectangle", "ellipse", "diamond", "text"]);
/** A press that moves further or lasts longer is a drag or a pan, not a click. */
const CLICK_SLOP_PX = 6;
const CLICK_MAX_MS = 600;

function isChrome(customData: unknown): boolean {
  const tag = (customData as { quadrant?: { role?: unknown } } | undefined)?.quadrant;
  return tag?.role === "chrome";
}

/**
 * The note under a scene point: the topmost live note shape whose box holds it; a note's
 * label resolves to its container (you vote on the note, not its text).
 */
export function noteAt(scene: ExcalidrawScene, point: { x: number; y: number }): string | null {
  const elements = scene.api.getSceneElements();
  for (let i = elements.length - 1; i >= 0; i--) {
    const e = elements[i];
    if (!e || e.isDeleted || !NOTE_SHAPES.has(e.type) || isChrome(e.customData)) continue;
    const inside = point.x >= e.x && point.x <= e.x + e.width && point.y >= e.y && point.y <= e.y + e.height;
    if (!inside) continue;
    return e.type === "text" && e.containerId ? e.containerId : e.id;
  }
  return null;
}

/**
 * Calls `onClick(noteId)` for a plain click (press and release in place) on a note of the
 * canvas, in edit and in view mode alike: viewers cannot select, yet they vote and score.
 * Selection never counts as a click, so nothing is cast by what happens to be selected.
 */
export function useNoteClicks(scene: ExcalidrawScene | null, onClick: ((noteId: string) => void) | null): void {
  const handler = useRef(onClick);
  handler.current = onClick;
  const enabled = onClick !== null;
  useEffect(() => {
    if (!scene || !enabled) return;
    let down: { x: number; y: number; at: number; id: number } | null = null;
    const onDown = (e: PointerEvent) => {
      const onCanvas = e.target instanceof HTMLCanvasElement && e.target.closest(".excalidraw") !== null;
      down = onCanvas && e.button === 0 ? { x: e.clientX, y: e.clientY, at: e.timeStamp, id: e.pointerId } : null;
    };
    const onUp = (e: PointerEvent) => {
      const start = down;
      down = null;
      if (!start || start.id !== e.pointerId) return;
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP_PX || e.timeStamp - start.at > CLICK_MAX_MS) return;
      const appState = scene.api.getAppState();
      const point = viewportCoordsToSceneCoords({ clientX: e.clientX, clientY: e.clientY }, appState);
      const noteId = noteAt(scene, point);
      if (noteId) handler.current?.(noteId);
    };
    // capture: Excalidraw stops some pointer events from bubbling
    window.addEventListener("pointerdown", onDown, true);
    window.addEventListener("pointerup", onUp, true);
    return () => {
      window.removeEventListener("pointerdown", onDown, true);
      window.removeEventListener("pointerup", onUp, true);
    };
  }, [scene, enabled]);
}
