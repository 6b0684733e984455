import { useEffect } from "react";
import type * as Y from "yjs";
import type { NoteColourMode } from "@quadrant/templates";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { recolourNotes } from "./noteLayout";

/**
 * RULE 36 by category follows a note into its new zone: when this person drops notes they
 * dragged, those notes take their new zone's colour (a colour someone picked by hand, outside
 * the palette, is kept). Nothing changes while colours are by author.
 */
export function useRecolourOnDrop(scene: ExcalidrawScene | null, doc: Y.Doc, mode: NoteColourMode, enabled: boolean): void {
  useEffect(() => {
    if (!scene || !enabled || mode !== "category") return undefined;
    return scene.api.onPointerUp((_tool, state) => {
      if (!state.hit.element || state.drag.hasOccurred !== true) return;
      const moved = Object.keys(scene.api.getAppState().selectedElementIds);
      // After Excalidraw has committed the drop.
      queueMicrotask(() => recolourNotes(scene, doc, mode, new Set(moved)));
    });
  }, [scene, doc, mode, enabled]);
}
