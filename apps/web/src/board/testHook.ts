import type * as Y from "yjs";
import { elementsMap, filesMap } from "@quadrant/board-model";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { frameShowingX } from "./frameShowingX";

/** Read-only view for end-to-end tests and the benchmark (window.__quadrantBoard). */
export interface BoardTestHook {
  /** Non-deleted elements on the canvas: id, type, x, y, version, and Excalidraw's lock flag. */
  sceneElements(): Array<{ id: string; type: string; x: number; y: number; width: number; version: number; locked: boolean }>;
  /** Remote cursors Excalidraw is drawing: name and whether a pointer position is known. */
  collaborators(): Array<{ name: string; hasPointer: boolean }>;
  /** Non-deleted elements in the Y document. */
  docElementCount(): number;
  /** Ids of the image files the canvas holds and of those the Y document holds (what other people receive). */
  fileIds(): { canvas: string[]; doc: string[] };
  /** Benchmark: from now on, note the wall clock of the first animation frame after Excalidraw committed element `id` at this x. */
  watchElementX(id: string, x: number): void;
  /** The time noted by `watchElementX`, or null while not seen yet. */
  watchedAt(): number | null;
  /** Excalidraw's scroll and zoom now (the benchmark opens bare Excalidraw at the same view). */
  view(): { scrollX: number; scrollY: number; zoom: number };
  /** Resolves after the next animation frame, i.e. once the canvas has been drawn. */
  nextFrame(): Promise<number>;
  /** Ids of what this person has selected (Excalidraw's selection), sorted. */
  selectedIds(): string[];
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
      void frameShowingX(scene.api, id, x).then(() => {
        seenAt = Date.now();
      });
    },
    watchedAt: () => seenAt,
    sceneElements: () =>
      scene.api
        .getSceneElements()
        .map((e) => ({ id: e.id, type: e.type, x: e.x, y: e.y, width: e.width, version: e.version, locked: e.locked })),
    collaborators: () =>
      [...scene.api.getAppState().collaborators.values()].map((c) => ({
        name: c.username ?? "",
        hasPointer: c.pointer !== undefined,
      })),
    fileIds: () => ({ canvas: Object.keys(scene.api.getFiles()), doc: [...filesMap(doc).keys()] }),
    docElementCount: () => [...elementsMap(doc).values()].filter((v) => v.isDeleted !== true).length,
    view: () => {
      const s = scene.api.getAppState();
      return { scrollX: s.scrollX, scrollY: s.scrollY, zoom: s.zoom.value };
    },
    nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
    selectedIds: () => Object.keys(scene.api.getAppState().selectedElementIds).sort(),
  };
  window.__quadrantBoard = hook;
  return () => {
    if (window.__quadrantBoard === hook) delete window.__quadrantBoard;
  };
}
