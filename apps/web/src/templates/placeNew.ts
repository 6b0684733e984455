import type { ElementLike } from "@quadrant/board-model";
import { type Point, type Size, freeSpotFor, noteObstacles, noteSlot, occupiedBoxes } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { readTemplateInstances } from "../facilitation/useTemplateInstances";

/**
 * Where new content goes, read from what this person's canvas shows (held private notes
 * included, which the shared document lacks) and decided by the pure placement rules.
 */
function shownElements(api: Pick<BoardApi, "scene">): readonly ElementLike[] {
  // Excalidraw's elements carry every field ElementLike names (structural on purpose).
  return (api.scene?.api.getSceneElements() ?? []) as unknown as readonly ElementLike[];
}

/** The middle of this person's view (scene coordinates); the origin before the canvas is up. */
export function viewCentre(api: Pick<BoardApi, "scene">): Point {
  const v = api.scene?.viewport();
  return v ? { x: v.cx, y: v.cy } : { x: 0, y: 0 };
}

/** Top-left corner for a new template of `size`: near `near`, clear of everything on the board. */
export function templateOrigin(api: Pick<BoardApi, "scene">, size: Size, near: Point): Point {
  const spot = freeSpotFor(size, occupiedBoxes(shownElements(api)), near);
  return { x: spot.x, y: spot.y };
}

/** Centre for a new note of `size`: the free grid slot nearest `near`, off every note and zone border. */
export function noteCentre(api: Pick<BoardApi, "scene" | "doc">, size: Size, near: Point): Point {
  const slot = noteSlot(size, near, noteObstacles(shownElements(api), readTemplateInstances(api.doc)));
  return { x: slot.x + slot.width / 2, y: slot.y + slot.height / 2 };
}
