import type { FacilitationView, Viewport } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { ControlChannel } from "./controlChannel";
import { currentViewport } from "./sceneHelpers";

/** End-to-end tests only (the e2e build, .env.e2e): the latest view, the viewport, and selecting elements. */
export interface FacilitationTestHook {
  view(): FacilitationView | null;
  select(ids: string[]): void;
  viewport(): Viewport | null;
}

declare global {
  interface Window {
    __quadrantFacilitation?: FacilitationTestHook;
  }
}

export function installFacilitationTestHook(control: ControlChannel, scene: ExcalidrawScene | null): () => void {
  const hook: FacilitationTestHook = {
    view: () => control.view,
    select: (ids) =>
      scene?.api.updateScene({ appState: { selectedElementIds: Object.fromEntries(ids.map((id) => [id, true as const])) } }),
    viewport: () => (scene ? currentViewport(scene) : null),
  };
  window.__quadrantFacilitation = hook;
  return () => {
    if (window.__quadrantFacilitation === hook) delete window.__quadrantFacilitation;
  };
}
