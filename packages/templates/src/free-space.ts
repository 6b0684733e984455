import { type ElementLike, type TemplateInstance, quadrantTag } from "@quadrant/board-model";
import type { Size } from "./builders";
import { type Point, type Rect, rectOf, rotatedBounds } from "./geometry";
import { firstNearest } from "./nearest-first";
import { RectIndex } from "./rect-index";

/** Space kept between a new template and what is already on the board. */
export const TEMPLATE_GAP = 80;
/** Space kept between two self-placed notes, and between a note and a border line. */
export const NOTE_GAP = 16;
/** How many grid rings around the wanted point a note may be pushed out before it goes beside the content. */
const NOTE_RINGS = 12;

/** An axis-aligned border line (a zone edge, a frame edge): a rect of zero width or height. */
export type Segment = Rect;

/** What new content must stay clear of: boxes it must not cover, lines it must not straddle. */
export interface Obstacles {
  occupied: Rect[];
  borders: Segment[];
}

/** True when the open interiors of `a` (grown by `gap` all round) and `b` meet; a zero-width `b` is a line. */
export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x - gap < b.x + b.width && b.x < a.x + a.width + gap && a.y - gap < b.y + b.height && b.y < a.y + a.height + gap;
}

export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x = Infinity;
  let y = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  return { x, y, width: right - x, height: bottom - y };
}

const distance = (r: Rect, p: Point) => Math.hypot(r.x + r.width / 2 - p.x, r.y + r.height / 2 - p.y);

/**
 * Where a new template of `size` goes: centred on `near` (the middle of the inserter's view)
 * when that is clear of every occupied box, else the clear spot nearest to it among the
 * places just right of or just below each box and the whole content. Right of everything is
 * always clear, so there is always an answer.
 */
export function freeSpotFor(size: Size, occupied: readonly Rect[], near: Point, gap = TEMPLATE_GAP): Rect {
  const at = (x: number, y: number): Rect => ({ x, y, width: size.width, height: size.height });
  const centred = at(near.x - size.width / 2, near.y - size.height / 2);
  const all = boundsOf(occupied);
  if (!all) return centred;
  const candidates: Rect[] = [centred];
  for (const o of [all, ...occupied]) {
    const right = o.x + o.width + gap;
    const below = o.y + o.height + gap;
    candidates.push(at(right, o.y), at(right, centred.y), at(o.x, below), at(centred.x, below));
  }
  // The nearest clear one (equally near: the earlier candidate): the same spot as sorting the clear ones.
  const index = new RectIndex(occupied, overlaps);
  return firstNearest(candidates, (c) => distance(c, near), (c) => !index.hits(c, gap)) ?? at(all.x + all.width + gap, all.y);
}

const inside = (r: Rect, area: Rect) =>
  r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;

/**
 * RULE 32. Where a self-placed note of `size` goes: the slot nearest to `near` on a grid anchored at
 * `near` (so a run of notes fills tidy rows and columns around it) that covers no occupied box
 * and straddles no border line. With `within` (a target zone), only slots wholly inside it count;
 * when it has none free, or every slot within NOTE_RINGS is taken, the nearest free spot outside.
 */
export function noteSlot(size: Size, near: Point, obstacles: Obstacles, gap = NOTE_GAP, within?: Rect): Rect {
  const stepX = size.width + gap;
  const stepY = size.height + gap;
  const slots: Rect[] = [];
  for (let j = -NOTE_RINGS; j <= NOTE_RINGS; j++) {
    for (let i = -NOTE_RINGS; i <= NOTE_RINGS; i++) {
      slots.push({ x: near.x - size.width / 2 + i * stepX, y: near.y - size.height / 2 + j * stepY, width: size.width, height: size.height });
    }
  }
  // Stable sort: equally near slots keep row order (top row first, left to right).
  const nearest = slots.map((r) => ({ r, d: distance(r, near) })).sort((a, b) => a.d - b.d).map(({ r }) => r);
  // Only what comes within the gap of the slots' window can touch a slot: on a big board most of
  // it is far away, and indexing every box cost more than the search.
  // (The window's edges are the slots' own sums, so a box a slot meets always passes, rounding included.)
  const reach = gap / 2;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of slots) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  const nearWindow = (o: Rect) => left - reach < o.x + o.width && o.x < right + reach && top - reach < o.y + o.height && o.y < bottom + reach;
  const occupied = new RectIndex(obstacles.occupied.filter(nearWindow), overlaps);
  const borders = new RectIndex(obstacles.borders.filter(nearWindow), overlaps);
  const free = (r: Rect) => !occupied.hits(r, reach) && !borders.hits(r, reach);
  const inArea = within ? nearest.find((r) => inside(r, within) && free(r)) : undefined;
  if (inArea) return inArea;
  return nearest.find(free) ?? freeSpotFor(size, [...obstacles.occupied, ...obstacles.borders], near, gap);
}

function edgesOf(r: Rect): Segment[] {
  const right = r.x + r.width;
  const bottom = r.y + r.height;
  return [
    { x: r.x, y: r.y, width: r.width, height: 0 },
    { x: r.x, y: bottom, width: r.width, height: 0 },
    { x: r.x, y: r.y, width: 0, height: r.height },
    { x: right, y: r.y, width: 0, height: r.height },
  ];
}

/**
 * What a self-placed note must avoid on this board: every live element but frames and
 * template grid lines is an occupied box (notes, drawings, zone labels); the edges of every
 * template zone and every frame (template or theme) are borders.
 */
export function noteObstacles(elements: readonly ElementLike[], templates: readonly TemplateInstance[]): Obstacles {
  const live = elements.filter((e) => !e.isDeleted);
  const byId = new Map(live.map((e) => [e.id, e]));
  const occupied: Rect[] = [];
  const borders: Segment[] = [];
  for (const e of live) {
    // Type first: the tag is a zod parse, and only lines can be grid lines.
    const chromeLine = e.type === "line" && quadrantTag(e)?.role === "chrome";
    if (e.type === "frame") borders.push(...edgesOf(rectOf(e)));
    else if (!chromeLine) occupied.push(rotatedBounds(e));
  }
  for (const t of templates) {
    const frame = byId.get(t.frameId);
    if (!frame) continue;
    const f = rectOf(frame);
    for (const z of t.zones) {
      borders.push(...edgesOf({ x: f.x + z.x * f.width, y: f.y + z.y * f.height, width: z.width * f.width, height: z.height * f.height }));
    }
  }
  return { occupied, borders };
}

/** Every live element's box, for placing a new template clear of all of it. */
export function occupiedBoxes(elements: readonly ElementLike[]): Rect[] {
  return elements.filter((e) => !e.isDeleted).map((e) => rotatedBounds(e));
}
