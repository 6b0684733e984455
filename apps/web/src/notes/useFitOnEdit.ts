import { useEffect } from "react";
import { CaptureUpdateAction, newElementWith } from "@excalidraw/excalidraw";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import { type JsonObject, quadrantTag } from "@quadrant/board-model";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { refitSticky } from "./noteFit";

const same = (a: JsonObject, b: JsonObject, keys: readonly string[]) => keys.every((k) => a[k] === b[k]);

/**
 * RULE 35 after Excalidraw's own editor: when someone finishes typing (or pasting) into a
 * sticky's label, the sticky is refitted to its words. Excalidraw wraps the label and grows
 * the box downwards while typing; this settles it on the size and font every other way of
 * writing a note gives, about the same centre, as its own undo step.
 */
export function useFitOnEdit(scene: ExcalidrawScene | null, enabled: boolean): void {
  useEffect(() => {
    if (!scene || !enabled) return undefined;
    let editing: string | null = null;
    return scene.api.onChange((elements, appState) => {
      const now = appState.editingTextElement?.id ?? null;
      const finished = editing !== null && now !== editing ? editing : null;
      editing = now;
      if (!finished) return;
      const label = elements.find((e) => e.id === finished);
      if (!label || label.type !== "text" || !label.containerId || label.isDeleted) return;
      const sticky = elements.find((e) => e.id === label.containerId);
      if (!sticky || sticky.isDeleted || quadrantTag(sticky as unknown as JsonObject)?.role !== "note") return;
      const [s, l] = refitSticky(sticky as unknown as JsonObject, label as unknown as JsonObject);
      if (same(s, sticky as unknown as JsonObject, ["x", "y", "width", "height"]) && same(l, label as unknown as JsonObject, ["x", "y", "height", "fontSize", "text"])) return;
      // After Excalidraw's own commit of the edit (this runs inside its change notification).
      queueMicrotask(() => {
        const next = scene.api.getSceneElementsIncludingDeleted().map((e): ExcalidrawElement => {
          if (e.id === s.id) return newElementWith(e, { x: Number(s.x), y: Number(s.y), width: Number(s.width), height: Number(s.height) });
          if (e.id === l.id && e.type === "text")
            return newElementWith(e, { x: Number(l.x), y: Number(l.y), width: Number(l.width), height: Number(l.height), fontSize: Number(l.fontSize), text: String(l.text) });
          return e;
        });
        scene.api.updateScene({ elements: next, captureUpdate: CaptureUpdateAction.IMMEDIATELY });
      });
    });
  }, [scene, enabled]);
}
