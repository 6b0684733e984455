import type { Rect } from "./geometry";

/** Grid cell size in scene units: about a sticky note and a half, so a query touches a few cells. */
const CELL = 256;
/** A box spanning more cells than this (a huge drawing) is checked on every query instead. */
const MAX_CELLS = 256;

/**
 * "Does this box come within `gap` of any of these?" for many questions about one board: the
 * boxes are bucketed in a uniform grid once, so each question looks at the few boxes near it
 * instead of all of them (placement on a 2,000-element board asked it about 2,000 × 8,000
 * times). Same answer as testing `overlaps` against every box.
 */
export class RectIndex {
  /** Column → row → boxes: number keys, no string built per cell visited (a hot path of placement). */
  private readonly columns = new Map<number, Map<number, Rect[]>>();
  private readonly huge: Rect[] = [];

  constructor(
    rects: readonly Rect[],
    private readonly overlaps: (a: Rect, b: Rect, gap: number) => boolean,
  ) {
    for (const r of rects) {
      const [x0, x1, y0, y1] = span(r.x, r.y, r.x + r.width, r.y + r.height);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) {
        this.huge.push(r);
        continue;
      }
      for (let i = x0; i <= x1; i++) {
        let column = this.columns.get(i);
        if (!column) this.columns.set(i, (column = new Map()));
        for (let j = y0; j <= y1; j++) {
          const list = column.get(j);
          if (list) list.push(r);
          else column.set(j, [r]);
        }
      }
    }
  }

  /** True when `r`, grown by `gap` all round, meets any indexed box (the `overlaps` rule). */
  hits(r: Rect, gap: number): boolean {
    if (this.huge.some((o) => this.overlaps(r, o, gap))) return true;
    const [x0, x1, y0, y1] = span(r.x - gap, r.y - gap, r.x + r.width + gap, r.y + r.height + gap);
    for (let i = x0; i <= x1; i++) {
      const column = this.columns.get(i);
      if (!column) continue;
      for (let j = y0; j <= y1; j++) {
        const list = column.get(j);
        if (list?.some((o) => this.overlaps(r, o, gap))) return true;
      }
    }
    return false;
  }
}

/** The cells a box touches, edges included (a zero-width border line sits in one column). */
function span(left: number, top: number, right: number, bottom: number): [number, number, number, number] {
  return [Math.floor(left / CELL), Math.floor(right / CELL), Math.floor(top / CELL), Math.floor(bottom / CELL)];
}
