import { useEffect, useState } from "react";
import { sceneCoordsToViewportCoords } from "@excalidraw/excalidraw";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

const SHOW_MS = 4000;

type Box = { left: number; top: number; width: number; height: number };

function boxOf(scene: ExcalidrawScene, noteId: string): Box | null {
  const note = scene.api.getSceneElements().find((e) => e.id === noteId);
  if (!note) return null;
  const appState = scene.api.getAppState();
  const a = sceneCoordsToViewportCoords({ sceneX: note.x, sceneY: note.y }, appState);
  const b = sceneCoordsToViewportCoords({ sceneX: note.x + note.width, sceneY: note.y + note.height }, appState);
  return { left: a.x, top: a.y, width: b.x - a.x, height: b.y - a.y };
}

/**
 * A pulsing ring around a note for a few seconds, on every screen: where "Accept mean"
 * just put it. Drawn over the canvas (viewers cannot select, so selection would not show it),
 * following the note while the view scrolls.
 */
export function NoteHighlight({ scene, noteId, label }: { scene: ExcalidrawScene | null; noteId: string | null; label: string }) {
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    if (!scene || !noteId) return;
    const track = () => setBox(boxOf(scene, noteId));
    track();
    const interval = setInterval(track, 100);
    const end = setTimeout(() => {
      clearInterval(interval);
      setBox(null);
    }, SHOW_MS);
    return () => {
      clearInterval(interval);
      clearTimeout(end);
      setBox(null);
    };
  }, [scene, noteId]);
  if (!box) return null;
  return (
    <div className="note-highlight" data-testid="note-highlight" data-note={noteId ?? ""} style={box} role="status" aria-label={label}>
      <span className="note-highlight-label">{label}</span>
    </div>
  );
}
