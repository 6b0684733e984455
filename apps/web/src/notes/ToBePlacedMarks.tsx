import { useMemo } from "react";
import { sceneCoordsToViewportCoords } from "@excalidraw/excalidraw";
import type * as Y from "yjs";
import { type ElementLike, hasNoteData, notesMap } from "@quadrant/board-model";
import { isToBePlaced, noteIds } from "@quadrant/templates";
import { useSceneSample } from "../board/useSceneSample";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

type Mark = { id: string; left: number; top: number; width: number; height: number };

/** Past this many, the marks would hide the board more than they help; the rest go unmarked. */
const MARKS_MAX = 200;

/** Whether a stored note entry is valid, remembered per entry object (Yjs stores a new object when it changes). */
type NoteCheck = WeakMap<object, boolean>;

function marksOf(scene: ExcalidrawScene, doc: Y.Doc, checked: NoteCheck): Mark[] {
  const elements = scene.api.getSceneElements() as unknown as readonly ElementLike[];
  // RULE 23 reads only frames: handing it the frames alone keeps a 2,000-element board cheap.
  const frames = elements.filter((e) => e.type === "frame");
  // Sampled every 250 ms on 2,000 elements: a zod parse per element (failing, with its error
  // objects, for the ~1,700 that are no note) held the main thread when remote edits arrived.
  // Only entries that exist are parsed, and each stored entry once.
  const entries = notesMap(doc);
  const isNoteEntry = (id: string): boolean => {
    const entry = entries.get(id);
    if (entry === undefined) return false;
    let valid = checked.get(entry);
    if (valid === undefined) checked.set(entry, (valid = hasNoteData(doc, id)));
    return valid;
  };
  const notes = noteIds(elements, isNoteEntry);
  const appState = scene.api.getAppState();
  const view = { left: appState.offsetLeft, top: appState.offsetTop, right: appState.offsetLeft + appState.width, bottom: appState.offsetTop + appState.height };
  const out: Mark[] = [];
  for (const e of elements) {
    if (out.length >= MARKS_MAX) break;
    if (!notes.has(e.id) || !isToBePlaced(frames, e)) continue;
    const a = sceneCoordsToViewportCoords({ sceneX: e.x, sceneY: e.y }, appState);
    const b = sceneCoordsToViewportCoords({ sceneX: e.x + e.width, sceneY: e.y + e.height }, appState);
    // Only what the canvas shows: a mark must never float over the side panels.
    if (b.x < view.left || a.x > view.right || b.y < view.top || a.y > view.bottom) continue;
    out.push({ id: e.id, left: a.x, top: a.y, width: b.x - a.x, height: b.y - a.y });
  }
  return out;
}

/**
 * RULE 33 on every screen: a dashed outline and a "to be placed" tag on each note no frame
 * holds, so nobody mistakes it for a placed one; the server refuses votes and scores on it.
 */
export function ToBePlacedMarks({ scene, doc }: { scene: ExcalidrawScene | null; doc: Y.Doc }) {
  const read = useMemo(() => {
    const checked: NoteCheck = new WeakMap();
    return (s: ExcalidrawScene) => marksOf(s, doc, checked);
  }, [doc]);
  // Follows drags, scrolling, zooming and remote moves alike (the lock badges do the same).
  const marks = useSceneSample<Mark[]>(scene, read, 250, []);
  return (
    <>
      {marks.map((m) => (
        <div
          key={m.id}
          className="to-be-placed"
          data-testid="to-be-placed"
          data-note={m.id}
          style={{ left: m.left - 5, top: m.top - 5, width: m.width + 10, height: m.height + 10 }}
          aria-hidden
        >
          <span className="to-be-placed-tag">to be placed</span>
        </div>
      ))}
    </>
  );
}
