import type { Size } from "./builders";
import { type Obstacles, NOTE_GAP, noteSlot } from "./free-space";
import type { Point, Rect } from "./geometry";

/**
 * What a quick note is aimed at (RULE 32), decided by the person's last gesture:
 * - `zone`: a template zone they targeted (the one they last clicked in);
 * - `beside`: the selected note(s): next to them, inside their zone when they are in one;
 * - `view`: nothing targeted: near the middle of their view.
 */
export type NoteTarget =
  | { kind: "zone"; area: Rect; frame: Rect }
  | { kind: "beside"; selection: Rect; zone: { area: Rect; frame: Rect } | null }
  | { kind: "view"; centre: Point };

const middle = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const inside = (r: Rect, a: Rect) => r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;

/**
 * A slot wholly inside `zone.area`; when the zone is full, one outside its whole template
 * (never a neighbouring zone, where the note would count as something it is not).
 */
function slotInZone(size: Size, near: Point, zone: { area: Rect; frame: Rect }, obstacles: Obstacles, gap: number): Rect {
  const slot = noteSlot(size, near, obstacles, gap, zone.area);
  if (inside(slot, zone.area)) return slot;
  return noteSlot(size, near, { occupied: [...obstacles.occupied, zone.frame], borders: obstacles.borders }, gap);
}

/**
 * RULE 32: where a quick note of `size` goes. Always a free slot (off every note, never
 * straddling a zone border or a frame edge): in a targeted zone the free slot nearest the
 * zone's middle, wholly inside it; beside a selection the slot just right of it (then the
 * nearest free one), inside the selection's zone when it has one; otherwise the free slot
 * nearest the middle of the view. A full zone sends the note to the nearest free spot
 * outside its template, where it is "to be placed" (RULE 33).
 */
export function placeQuickNote(size: Size, target: NoteTarget, obstacles: Obstacles, gap = NOTE_GAP): Rect {
  switch (target.kind) {
    case "zone":
      return slotInZone(size, middle(target.area), target, obstacles, gap);
    case "beside": {
      const s = target.selection;
      const right = { x: s.x + s.width + gap + size.width / 2, y: s.y + size.height / 2 };
      return target.zone ? slotInZone(size, right, target.zone, obstacles, gap) : noteSlot(size, right, obstacles, gap);
    }
    case "view":
      return noteSlot(size, target.centre, obstacles, gap);
  }
}
