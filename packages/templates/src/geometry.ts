import type { ElementLike, Zone } from "@quadrant/board-model";

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * RULE 1: a note is where its centre is. Excalidraw rotates an element about its
 * centre, so the centre of the unrotated box is also the centre after rotation.
 */
export function centreOf(e: Pick<ElementLike, "x" | "y" | "width" | "height">): Point {
  return { x: e.x + e.width / 2, y: e.y + e.height / 2 };
}

/** Axis-aligned bounds of an element, rotation included (used for "theme from selection"). */
export function rotatedBounds(e: Pick<ElementLike, "x" | "y" | "width" | "height" | "angle">): Rect {
  const c = centreOf(e);
  const a = e.angle ?? 0;
  const cos = Math.abs(Math.cos(a));
  const sin = Math.abs(Math.sin(a));
  const w = e.width * cos + e.height * sin;
  const h = e.width * sin + e.height * cos;
  return { x: c.x - w / 2, y: c.y - h / 2, width: w, height: h };
}

/** Normalises negative widths/heights (Excalidraw keeps them positive, imported data may not). */
export function rectOf(e: Pick<ElementLike, "x" | "y" | "width" | "height">): Rect {
  return {
    x: Math.min(e.x, e.x + e.width),
    y: Math.min(e.y, e.y + e.height),
    width: Math.abs(e.width),
    height: Math.abs(e.height),
  };
}

/** RULE 2: a frame's area is closed: a centre on its edge is inside. */
export function containsClosed(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

/** Frame-relative fractions: (0,0) top-left, (1,1) bottom-right. */
export function toFraction(frame: Rect, p: Point): Point {
  return {
    x: frame.width === 0 ? 0 : (p.x - frame.x) / frame.width,
    y: frame.height === 0 ? 0 : (p.y - frame.y) / frame.height,
  };
}

export function fromFraction(frame: Rect, f: Point): Point {
  return { x: frame.x + f.x * frame.width, y: frame.y + f.y * frame.height };
}

/**
 * RULE 3: zones share edges; a centre on an inner vertical edge belongs to the zone on its
 * right, on an inner horizontal edge to the zone above it (so on a matrix midline a note counts
 * as high effort and high impact, matching the scores of RULE 6). The frame's outer edges
 * belong to the zones touching them.
 */
export function zoneContains(zone: Zone, f: Point): boolean {
  const right = zone.x + zone.width;
  const bottom = zone.y + zone.height;
  const inX = (f.x >= zone.x && f.x < right) || (f.x === right && right >= 1);
  const inY = (f.y > zone.y && f.y <= bottom) || (f.y === zone.y && zone.y <= 0);
  return inX && inY;
}

export function zoneAt(zones: readonly Zone[], f: Point): Zone | null {
  return zones.find((z) => zoneContains(z, f)) ?? null;
}
