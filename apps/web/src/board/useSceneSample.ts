import { useEffect, useState } from "react";
import type { ExcalidrawScene } from "../collab/excalidrawScene";

/**
 * What an overlay draws over the canvas, re-read from the scene every `everyMs`: polling follows
 * scrolling, zooming, local drags and remote changes alike, which no single Excalidraw event does.
 * A sample equal to the last (as JSON) keeps the old value, so React re-renders only on change.
 */
export function useSceneSample<T>(scene: ExcalidrawScene | null, read: (scene: ExcalidrawScene) => T, everyMs: number, empty: T): T {
  const [value, setValue] = useState<T>(empty);
  useEffect(() => {
    if (!scene) return undefined;
    const update = () =>
      setValue((before) => {
        const next = read(scene);
        return JSON.stringify(next) === JSON.stringify(before) ? before : next;
      });
    update();
    const interval = setInterval(update, everyMs);
    return () => clearInterval(interval);
    // `read` should be stable (a module function or a memoised closure): a new one restarts the polling.
  }, [scene, read, everyMs]);
  return value;
}
