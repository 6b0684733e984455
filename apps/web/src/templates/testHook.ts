import type { BoardView } from "@quadrant/templates";
import { elementsMap, parseBoard, snapshotBoard } from "@quadrant/board-model";
import { interpretBoard } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { fitBoardToView } from "../board/fitView";

/** Read-only view for end-to-end tests (window.__quadrantTemplates). */
export interface TemplatesTestHook {
  view(): BoardView;
  /** Page coordinates of a scene point (to drag notes with the real mouse). */
  toPage(x: number, y: number): { x: number; y: number } | null;
  /** Where the document (not the canvas) has an element: tells a test a local drag has been written. */
  docRect(id: string): { x: number; y: number; width: number; height: number } | null;
  /** Where this canvas shows an element (held private notes are on the canvas, not in the document). */
  sceneRect(id: string): { x: number; y: number; width: number; height: number } | null;
  /** Elements on this canvas: id, type, text (of text elements) and container, for finding what a gesture made. */
  sceneTexts(): Array<{ id: string; type: string; text: string; containerId: string | null }>;
  /** An element's name and version as the canvas (not the document) shows it: a frame's label. */
  canvasElement(id: string): ElementStamp | null;
  /** The same, as the document holds it. */
  docElement(id: string): ElementStamp | null;
  /** A sticky's bound label as the canvas draws it: box, wrapped text, font size; and the sticky's fill. */
  noteLabel(noteId: string): { rect: { x: number; y: number; width: number; height: number }; text: string; fontSize: number; fill: string } | null;
  /** Centres the view on a scene point at a zoom (for screenshots at a given zoom). */
  zoomTo(x: number, y: number, zoom: number): void;
  /** Deselects and frames the board the way a first open does (for screenshots). */
  fit(): void;
}

export interface ElementStamp {
  name: string | null;
  version: number;
  versionNonce: number;
  index: string | null;
}

declare global {
  interface Window {
    __quadrantTemplates?: TemplatesTestHook;
  }
}

/** Reads what every role can see, so it is installed for viewers too (BoardRoom). */
export function installTemplatesTestHook(api: Pick<BoardApi, "doc" | "scene">): () => void {
  const hook: TemplatesTestHook = {
    view: () => interpretBoard(parseBoard(snapshotBoard(api.doc))),
    docRect: (id) => {
      const e = elementsMap(api.doc).get(id);
      return e ? { x: Number(e["x"]), y: Number(e["y"]), width: Number(e["width"]), height: Number(e["height"]) } : null;
    },
    sceneRect: (id) => {
      const e = api.scene?.api.getSceneElements().find((el) => el.id === id);
      return e ? { x: e.x, y: e.y, width: e.width, height: e.height } : null;
    },
    sceneTexts: () =>
      (api.scene?.api.getSceneElements() ?? []).map((e) => ({
        id: e.id,
        type: e.type,
        // originalText: `text` is wrapped to the container, which can split a word across lines.
        text: e.type === "text" ? e.originalText : "",
        containerId: e.type === "text" ? e.containerId : null,
      })),
    canvasElement: (id) => {
      const e = api.scene?.api.getSceneElementsIncludingDeleted().find((el) => el.id === id);
      return e ? stampOf(e as unknown as Record<string, unknown>) : null;
    },
    docElement: (id) => {
      const e = elementsMap(api.doc).get(id);
      return e ? stampOf(e) : null;
    },
    noteLabel: (noteId) => {
      const all = api.scene?.api.getSceneElements() ?? [];
      const sticky = all.find((e) => e.id === noteId);
      const label = all.find((e) => e.type === "text" && e.containerId === noteId);
      if (!sticky || !label || label.type !== "text") return null;
      return { rect: { x: label.x, y: label.y, width: label.width, height: label.height }, text: label.text, fontSize: label.fontSize, fill: sticky.backgroundColor };
    },
    zoomTo: (x, y, zoom) => api.scene?.showViewport({ cx: x, cy: y, zoom }),
    toPage: (x, y) => {
      const s = api.scene?.api.getAppState();
      if (!s) return null;
      return { x: (x + s.scrollX) * s.zoom.value + s.offsetLeft, y: (y + s.scrollY) * s.zoom.value + s.offsetTop };
    },
    fit: () => {
      const scene = api.scene;
      if (!scene) return;
      scene.api.updateScene({ appState: { selectedElementIds: {} } });
      fitBoardToView(scene);
    },
  };
  window.__quadrantTemplates = hook;
  return () => {
    if (window.__quadrantTemplates === hook) delete window.__quadrantTemplates;
  };
}

function stampOf(e: Record<string, unknown>): ElementStamp {
  return {
    name: typeof e["name"] === "string" ? e["name"] : null,
    version: Number(e["version"]),
    versionNonce: Number(e["versionNonce"]),
    index: typeof e["index"] === "string" ? e["index"] : null,
  };
}
