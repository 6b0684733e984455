import { useEffect, useState } from "react";
import { sceneCoordsToViewportCoords } from "@excalidraw/excalidraw";
import type { CommentsView } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { type AnchorElement, pinPlace } from "./anchors";

export type Thread = CommentsView["threads"][number];

/** A thread's pin on screen (page pixels), and whether the canvas shows that spot. */
export interface Pin {
  id: string;
  left: number;
  top: number;
  element: "live" | "deleted" | "none";
  inView: boolean;
}

/** The canvas area on the page: pins outside it (under the side column) are not drawn. */
export function canvasRect(): DOMRect | null {
  return document.querySelector('[data-testid="board-canvas"]')?.getBoundingClientRect() ?? null;
}

function pinsOf(scene: ExcalidrawScene, threads: readonly Thread[]): Pin[] {
  const appState = scene.api.getAppState();
  // Only the anchored elements, looked up by id: polled every 120 ms, a map of the whole board
  // (2,000 entries, even with no thread at all) was main-thread time and garbage for nothing.
  const byId = new Map<string, AnchorElement>();
  for (const { anchor } of threads) {
    if (anchor.kind === "point") continue;
    const element = scene.getElement(anchor.elementId);
    if (element) byId.set(element.id, element);
  }
  const area = canvasRect();
  return threads.map((thread) => {
    const place = pinPlace(thread.anchor, byId);
    const at = sceneCoordsToViewportCoords({ sceneX: place.x, sceneY: place.y }, appState);
    const inView = area !== null && at.x >= area.left && at.x <= area.right && at.y >= area.top + 8 && at.y <= area.bottom;
    return { id: thread.id, left: Math.round(at.x), top: Math.round(at.y), element: place.element, inView };
  });
}

/**
 * Where every thread's pin is on screen, following scrolling, zooming and the elements moving
 * (here or in another browser). Polled like the frame lock badges: cheap, and it catches every cause.
 */
export function usePins(scene: ExcalidrawScene | null, threads: readonly Thread[]): Pin[] {
  const [pins, setPins] = useState<Pin[]>([]);
  useEffect(() => {
    if (!scene) return;
    const update = () =>
      setPins((before) => {
        const next = pinsOf(scene, threads);
        return JSON.stringify(next) === JSON.stringify(before) ? before : next;
      });
    update();
    const interval = setInterval(update, 120);
    return () => clearInterval(interval);
  }, [scene, threads]);
  return pins;
}
