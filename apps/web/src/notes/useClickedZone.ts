import { useEffect, useState } from "react";
import { type ZoneArea, zoneAreaAt } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { readTemplateInstances } from "../facilitation/useTemplateInstances";
import { sceneElements } from "./quickNote";

const sameZone = (a: ZoneArea | null, b: ZoneArea | null) => a?.templateId === b?.templateId && a?.zone.id === b?.zone.id;

/**
 * The zone this person last clicked in (RULE 32's "targeted zone"): every pointer-down of the
 * selection tool on the canvas updates it, so a click in Strengths aims the next quick note there and a click outside
 * every zone clears it. Read live from the scene, so a moved frame moves the target with it.
 */
export function useClickedZone(api: Pick<BoardApi, "scene" | "doc">): [ZoneArea | null, () => void] {
  const [clicked, setClicked] = useState<ZoneArea | null>(null);
  const { scene, doc } = api;
  useEffect(() => {
    if (!scene) return undefined;
    return scene.api.onPointerDown((tool, state) => {
      // Drawing a shape or text in a zone is not aiming at it; a click with the selection tool is.
      if (tool.type !== "selection") return;
      const hit = zoneAreaAt(sceneElements({ scene }), readTemplateInstances(doc), state.origin);
      setClicked((before) => (sameZone(before, hit) ? before : hit));
    });
  }, [scene, doc]);
  // The zone's rectangle is re-read when a note is aimed at it (aimQuickNote), so a moved frame moves the target.
  return [clicked, () => setClicked(null)];
}
