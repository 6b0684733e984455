import { type Point, type Rect, containsClosed } from "./geometry";

/** Someone looking at the board: a name and the middle of their view (scene coordinates). */
export interface Looker {
  name: string;
  at: Point;
}

/**
 * Who is in each frame now: the people whose view centre lies in it (RULE 2: edges count as
 * inside). Nested frames (a theme in a theme map) both list the person. Names are sorted and
 * every frame id asked about has an entry, empty when nobody is there.
 */
export function peopleInFrames(frames: ReadonlyMap<string, Rect>, lookers: readonly Looker[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, rect] of frames) {
    out.set(id, lookers.filter((l) => containsClosed(rect, l.at)).map((l) => l.name).sort());
  }
  return out;
}
