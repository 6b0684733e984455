import type { CommentAnchor } from "@quadrant/facilitation";

/** What the anchor rules read of a canvas element (Excalidraw's elements have these fields). */
export interface AnchorElement {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isDeleted?: boolean;
  containerId?: string | null;
}

export interface Point {
  x: number;
  y: number;
}

/** Where a pin shows and whether its element is still there. */
export interface PinPlace extends Point {
  element: "live" | "deleted" | "none";
}

/** Offsets and points are stored with the schema's bounds; a pin a few pixels off is fine. */
const round = (n: number) => Math.round(n * 10) / 10;

function contains(e: AnchorElement, p: Point): boolean {
  const [x0, x1] = e.width >= 0 ? [e.x, e.x + e.width] : [e.x + e.width, e.x];
  const [y0, y1] = e.height >= 0 ? [e.y, e.y + e.height] : [e.y + e.height, e.y];
  return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
}

/**
 * The anchor for a click at a scene point: the topmost element under it (a note's label counts as
 * the note; a frame only when nothing inside it is hit, so a comment on a theme's empty space is on
 * the theme), else the point of the board. `elements` are in z-order, bottom first.
 */
export function anchorAt(point: Point, elements: readonly AnchorElement[]): CommentAnchor {
  const live = elements.filter((e) => !e.isDeleted && contains(e, point));
  const hit = [...live].reverse().find((e) => e.type !== "frame") ?? [...live].reverse().find((e) => e.type === "frame");
  const target = hit?.type === "text" && hit.containerId ? (elements.find((e) => e.id === hit.containerId) ?? hit) : hit;
  const at = { x: round(point.x), y: round(point.y) };
  if (!target) return { kind: "point", ...at };
  return { kind: "element", elementId: target.id, dx: round(point.x - target.x), dy: round(point.y - target.y), ...at };
}

/** Where the pin of an anchor is now: on its element (moved with it, or where it was deleted), else the stored point. */
export function pinPlace(anchor: CommentAnchor, byId: ReadonlyMap<string, AnchorElement>): PinPlace {
  if (anchor.kind === "point") return { x: anchor.x, y: anchor.y, element: "none" };
  const element = byId.get(anchor.elementId);
  if (!element) return { x: anchor.x, y: anchor.y, element: "deleted" };
  return { x: element.x + anchor.dx, y: element.y + anchor.dy, element: element.isDeleted ? "deleted" : "live" };
}
