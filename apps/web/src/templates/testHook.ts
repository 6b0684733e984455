import type { BoardView } from "@quadrant/templates";
import { parseBoard, snapshotBoard } from "@quadrant/board-model";
import { interpretBoard } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";

/** Read-only view for end-to-end tests (window.__quadrantTemplates). */
export interface TemplatesTestHook {
  view(): BoardView;
  /** Page coordinates of a scene point (to drag notes with the real mouse). */
  toPage(x: number, y: number): { x: number; y: number } | null;
  /** Deselects and zooms the view to fit the board (for screenshots). */
  fit(): void;
}

declare global {
  interface Window {
    __quadrantTemplates?: TemplatesTestHook;
  }
}

export function installTemplatesTestHook(api: BoardApi): () => void {
  const hook: TemplatesTestHook = {
    view: () => interpretBoard(parseBoard(snapshotBoard(api.doc))),
    toPage: (x, y) => {
      const s = api.scene?.api.getAppState();
      if (!s) return null;
      return { x: (x + s.scrollX) * s.zoom.value + s.offsetLeft, y: (y + s.scrollY) * s.zoom.value + s.offsetTop };
    },
    fit: () => {
      const scene = api.scene?.api;
      if (!scene) return;
      scene.updateScene({ appState: { selectedElementIds: {} } });
      scene.scrollToContent(undefined, { fitToContent: true, animate: false });
    },
  };
  window.__quadrantTemplates = hook;
  return () => {
    if (window.__quadrantTemplates === hook) delete window.__quadrantTemplates;
  };
}
