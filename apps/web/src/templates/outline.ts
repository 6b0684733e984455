import { type BoardView, type Looker, type Rect, peopleInFrames, rectOf } from "@quadrant/templates";
import { type OutlineEntry, outlineEntries } from "./outlineEntries";

/** An outline line with the people whose view centre is in its frame now. */
export interface OutlineLine extends OutlineEntry {
  here: string[];
}

/** The frame elements the canvas shows (id, type and box are all the outline reads). */
type FrameLike = { id: string; type: string; x: number; y: number; width: number; height: number };

/** What the Outline panel lists: outlineEntries' frames, each with who is in it now. */
export function outlineOf(view: BoardView, shown: readonly FrameLike[], lookers: readonly Looker[]): OutlineLine[] {
  const frames = new Map<string, Rect>();
  for (const e of shown) if (e.type === "frame") frames.set(e.id, rectOf(e));
  const inFrame = peopleInFrames(frames, lookers);
  return outlineEntries(view).map((e) => ({ ...e, here: inFrame.get(e.frameId) ?? [] }));
}
