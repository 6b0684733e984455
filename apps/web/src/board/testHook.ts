import type * as Y from "yjs";
import { elementsMap } from "@quadrant/board-model";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

/** Read-only view for end-to-end tests and the benchmark (window.__quadrantBoard). */
export interface BoardTestHook {
  /** Non-deleted elements on the canvas: id, type, x, y, version. */
  sceneElements(): Array<{ id: string; type: string; x: number; y: number; width: number; version: number }>;
  /** Remote cursors Excalidraw is drawing: name and whether a pointer position is known. */
  collaborators(): Array<{ name: string; hasPointer: boolean }>;
  /** Non-deleted elements in the Y document. */
  docElementCount(): number;
  /** Benchmark: from now on, note the wall clock of the first animation frame in which element `id` has this x. */
  watchElementX(id: string, x: number): void;
  /** The time noted by `watchElementX`, or null while not seen yet. */
  watchedAt(): number | null;
  /** Resolves after the next animation frame, i.e. once the canvas has been drawn. */
  nextFrame(): Promise<number>;
}

declare global {
  interface Window {
    __quadrantBoard?: BoardTestHook;
  }
}

export function installTestHook(doc: Y.Doc, scene: ExcalidrawScene): () => void {
  let seenAt: number | null = null;
  const hook: BoardTestHook = {
    watchElementX: (id, x) => {
      seenAt = null;
      const check = (): void => {
        const element = scene.api.getSceneElements().find((e) => e.id === id);
        if (element && element.x === x) seenAt = Date.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    watchedAt: () => seenAt,
    sceneElements: () =>
      scene.api
        .getSceneElements()
        .map((e) => ({ id: e.id, type: e.type, x: e.x, y: e.y, width: e.width, version: e.version })),
    collaborators: () =>
      [...scene.api.getAppState().collaborators.values()].map((c) => ({
        name: c.username ?? "",
        hasPointer: c.pointer !== undefined,
      })),
    docElementCount: () => [...elementsMap(doc).values()].filter((v) => v.isDeleted !== true).length,
    nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  };
  window.__quadrantBoard = hook;
  return () => {
    if (window.__quadrantBoard === hook) delete window.__quadrantBoard;
  };
}
