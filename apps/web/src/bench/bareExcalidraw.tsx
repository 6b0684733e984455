import { useState } from "react";
import { createRoot } from "react-dom/client";
import { CaptureUpdateAction, Excalidraw } from "@excalidraw/excalidraw";
import type { ExcalidrawImperativeAPI, NormalizedZoomValue } from "@excalidraw/excalidraw/types";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import "@excalidraw/excalidraw/index.css";
import { frameShowingX } from "../board/frameShowingX";

/**
 * The web benchmark's baseline (apps/web/e2e/bench-board.ts): the same Excalidraw build,
 * with the same options as the board page, opening the same scene from `initialData`,
 * with no sync, no panels and no IndexedDB. Built only into the e2e bundle (bench.html).
 * The benchmark hands the scene over in `window.__quadrantBenchScene` before the page loads.
 */
declare global {
  interface Window {
    __quadrantBenchScene?: readonly ExcalidrawElement[];
    /** The board page's canvas size, so both pages draw the same number of pixels. */
    __quadrantBenchSize?: { width: number; height: number };
    /** The view the board page fitted the same scene to, so both pages draw the same elements at the same zoom. */
    __quadrantBenchView?: { scrollX: number; scrollY: number; zoom: number };
    /** Read-only: how many elements the canvas holds once Excalidraw finished loading. */
    __quadrantBare?: {
      ready(): number;
      nextFrame(): Promise<number>;
      /**
       * Moves one element by `dx` through `updateScene`, as the board's binding applies a remote edit, and resolves
       * with the milliseconds until the first animation frame after Excalidraw committed it (the frame the board
       * page's `watchElementX` counts): what Excalidraw alone needs to show an edit, without network or Yjs.
       */
      moveAndTime(id: string, dx: number): Promise<number>;
    };
  }
}

const benchView = window.__quadrantBenchView;

function BareExcalidraw() {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const [loaded, setLoaded] = useState(false);
  window.__quadrantBare = {
    // Excalidraw calls onChange only once its start-up (initializeScene) is done.
    ready: () => (api && loaded ? api.getSceneElements().length : 0),
    nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
    moveAndTime: async (id, dx) => {
      const moved = api?.getSceneElementsIncludingDeleted().find((e) => e.id === id);
      if (!api || !moved) throw new Error(`no element ${id} on the bare page`);
      const x = moved.x + dx;
      const startedAt = performance.now();
      const shown = frameShowingX(api, id, x);
      const elements = api
        .getSceneElementsIncludingDeleted()
        .map((e) => (e.id === id ? { ...e, x, version: e.version + 1, versionNonce: e.versionNonce + 1 } : e));
      api.updateScene({ elements, captureUpdate: CaptureUpdateAction.NEVER });
      await shown;
      return performance.now() - startedAt;
    },
  };
  return (
    <div style={{ position: "fixed", left: 0, top: 0, width: window.__quadrantBenchSize?.width ?? "100vw", height: window.__quadrantBenchSize?.height ?? "100vh" }}>
      <Excalidraw
        excalidrawAPI={setApi}
        initialData={{
          elements: window.__quadrantBenchScene ?? [],
          appState: benchView ? { scrollX: benchView.scrollX, scrollY: benchView.scrollY, zoom: { value: benchView.zoom as NormalizedZoomValue } } : {},
        }}
        isCollaborating
        UIOptions={{ canvasActions: { loadScene: false, saveToActiveFile: false, export: false } }}
        onChange={() => {
          if (!loaded) setLoaded(true);
        }}
      />
    </div>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<BareExcalidraw />);
