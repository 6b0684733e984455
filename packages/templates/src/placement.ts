import type { ElementLike, TemplateInstance, ThemeRecord, Zone } from "@quadrant/board-model";
import { type Point, type Rect, containsClosed, rectOf, toFraction, zoneAt } from "./geometry";

/** The frame fields RULE 4 orders by; Excalidraw's own elements fit it as they are. */
export type FrameLike = Pick<ElementLike, "id" | "index">;

export interface FramedThing<T> {
  item: T;
  frame: FrameLike;
  rect: Rect;
}

/** Pairs each item with its live frame element; items whose frame is gone are left out (RULE 2). */
export function withFrames<T extends { frameId: string }>(
  items: readonly T[],
  elementsById: ReadonlyMap<string, ElementLike>,
): FramedThing<T>[] {
  const out: FramedThing<T>[] = [];
  for (const item of items) {
    const frame = elementsById.get(item.frameId);
    if (!frame || frame.isDeleted) continue;
    out.push({ item, frame, rect: rectOf(frame) });
  }
  return out;
}

function compareIndex(a: string | null | undefined, b: string | null | undefined): number {
  // Excalidraw's fractional indices order by plain code-unit comparison; no index = bottom.
  if (a === b) return 0;
  if (a == null) return -1;
  if (b == null) return 1;
  return a < b ? -1 : 1;
}

/**
 * RULE 4 order, topmost first: the higher fractional `index` (z-order); on equal or missing
 * indices the smaller area; then the smaller frame id. Negative when `a` is above `b`.
 */
export function aboveFirst(a: FramedThing<unknown>, b: FramedThing<unknown>): number {
  const byIndex = compareIndex(b.frame.index, a.frame.index);
  if (byIndex !== 0) return byIndex;
  const byArea = a.rect.width * a.rect.height - b.rect.width * b.rect.height;
  if (byArea !== 0) return byArea;
  return a.frame.id < b.frame.id ? -1 : a.frame.id > b.frame.id ? 1 : 0;
}

/** RULE 4: when a centre lies in several frames, the topmost wins. */
export function topmost<T>(candidates: readonly FramedThing<T>[]): FramedThing<T> | null {
  let best: FramedThing<T> | null = null;
  for (const c of candidates) {
    if (!best || aboveFirst(c, best) < 0) best = c;
  }
  return best;
}

export function containing<T>(things: readonly FramedThing<T>[], p: Point): FramedThing<T> | null {
  return topmost(things.filter((t) => containsClosed(t.rect, p)));
}

export type Placement =
  | { kind: "unplaced" }
  | { kind: "placed"; instance: TemplateInstance; frame: Rect; zone: Zone | null };

/** RULES 1–4: which template (and zone) a centre falls in; outside every frame → unplaced. */
export function placeCentre(templates: readonly FramedThing<TemplateInstance>[], centre: Point): Placement {
  const hit = containing(templates, centre);
  if (!hit) return { kind: "unplaced" };
  return { kind: "placed", instance: hit.item, frame: hit.rect, zone: zoneAt(hit.item.zones, toFraction(hit.rect, centre)) };
}

/** RULE 11: a note's theme is the topmost live theme frame containing its centre. */
export function themeAt(themes: readonly FramedThing<ThemeRecord>[], centre: Point): ThemeRecord | null {
  return containing(themes, centre)?.item ?? null;
}
