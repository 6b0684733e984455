import type { Viewport } from "@quadrant/facilitation";
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
