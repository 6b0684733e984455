import type { Viewport } from "@quadrant/facilitation";
import { centreOf, frameHolding } from "@quadrant/templates";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

/** Ids of the selected elements (labels resolve to their container: you vote on the note, not its text). */
export function selectedNoteIds(scene: ExcalidrawScene): string[] {
  const selected = Object.keys(scene.api.getAppState().selectedElementIds);
  const byId = new Map(scene.api.getSceneElements().map((e) => [e.id, e]));
  const ids = new Set<string>();
  for (const id of selected) {
    const element = byId.get(id);
    if (!element || element.type === "frame") continue;
    ids.add(element.type === "text" && element.containerId ? element.containerId : id);
  }
  return [...ids];
}

export function selectedFrameId(scene: ExcalidrawScene): string | null {
  const selected = Object.keys(scene.api.getAppState().selectedElementIds);
  const frame = scene.api.getSceneElements().find((e) => e.type === "frame" && selected.includes(e.id));
  return frame?.id ?? null;
}

/**
 * The frame the lock and spotlight buttons act on. A locked frame cannot be selected on the canvas
 * (Excalidraw skips locked elements when clicking, box-selecting or selecting all), and new
 * templates arrive locked, so besides a selected frame this accepts the frame holding the
 * selection (e.g. a note in the matrix) or, with nothing selected, the frame at the middle of the
 * view. "Holding" is RULE 23 of @quadrant/templates, the rule the server applies to votes and scores.
 */
export function targetFrameId(scene: ExcalidrawScene): string | null {
  const selectedFrame = selectedFrameId(scene);
  if (selectedFrame) return selectedFrame;
  const elements = scene.api.getSceneElements();
  const selected = new Set(Object.keys(scene.api.getAppState().selectedElementIds));
  const first = elements.find((e) => selected.has(e.id));
  const view = scene.viewport();
  const point = first ? centreOf(first) : { x: view.cx, y: view.cy };
  return frameHolding(elements, point)?.id ?? null;
}

/** A short human label for a note: its own or its bound text, else its id. */
export function noteLabel(scene: ExcalidrawScene | null, id: string): string {
  if (!scene) return id;
  const elements = scene.api.getSceneElements();
  const own = elements.find((e) => e.id === id);
  const label = elements.find((e) => e.type === "text" && e.containerId === id);
  const text = (own && own.type === "text" ? own.text : undefined) ?? (label && label.type === "text" ? label.text : undefined);
  return text ? text.slice(0, 40) : id.slice(0, 8);
}

export function currentViewport(scene: ExcalidrawScene): Viewport {
  const v = scene.viewport();
  return { x: v.cx, y: v.cy, zoom: v.zoom };
}

export function goTo(scene: ExcalidrawScene, viewport: Viewport): void {
  scene.showViewport({ cx: viewport.x, cy: viewport.y, zoom: viewport.zoom });
}

/** Short beep through Web Audio (no asset); silently nothing where audio is unavailable. */
export function beep(): void {
  try {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 880;
    oscillator.connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.4);
    oscillator.onended = () => void context.close();
  } catch {
    // no audio: the visual signal remains
  }
}
