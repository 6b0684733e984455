import { type Obstacles, NOTE_GAP, noteSlot, overlaps } from "./free-space";
import type { Rect } from "./geometry";

/** A note to lay out: its id and its unrotated box. */
export interface TidyItem {
  id: string;
  rect: Rect;
}

/** Where a note's top-left corner goes. */
export interface TidyMove {
  id: string;
  x: number;
  y: number;
}

export type TidyResult = { ok: true; moves: TidyMove[] } | { ok: false; reason: "no-room" };

/** Room kept at the top of an area for its label (a zone's name is 28 px, 12 px down). */
export const TIDY_LABEL_SPACE = 56;

const centreY = (r: Rect) => r.y + r.height / 2;
const centreX = (r: Rect) => r.x + r.width / 2;

/**
 * Reading order of notes as people left them: by rows (a note whose middle is within half a
 * note's height of the row's first note joins that row), each row left to right.
 */
function readingOrder(items: readonly TidyItem[]): TidyItem[] {
  const byY = [...items].sort((a, b) => centreY(a.rect) - centreY(b.rect) || centreX(a.rect) - centreX(b.rect) || (a.id < b.id ? -1 : 1));
  const rows: TidyItem[][] = [];
  for (const item of byY) {
    const row = rows[rows.length - 1];
    if (row && centreY(item.rect) - centreY(row[0]!.rect) <= row[0]!.rect.height / 2) row.push(item);
    else rows.push([item]);
  }
  return rows.flatMap((row) => row.sort((a, b) => centreX(a.rect) - centreX(b.rect) || (a.id < b.id ? -1 : 1)));
}

/**
 * RULE 34 (grid): the notes of one area (a zone or a theme) laid out in rows, in their reading
 * order, as many columns as fit the widest note, the grid centred across the area below its
 * label; each row as tall as its tallest note, `gap` between notes and from the area's edges.
 * No two notes overlap and each stays wholly inside the area; when they cannot all fit, nothing
 * moves (`no-room`).
 */
export function tidyGrid(items: readonly TidyItem[], area: Rect, gap = NOTE_GAP * 1.5, labelSpace = TIDY_LABEL_SPACE): TidyResult {
  if (items.length === 0) return { ok: true, moves: [] };
  const ordered = readingOrder(items);
  const cell = Math.max(...ordered.map((i) => i.rect.width));
  const columns = Math.max(1, Math.min(ordered.length, Math.floor((area.width - gap) / (cell + gap))));
  const gridWidth = columns * cell + (columns - 1) * gap;
  const left = area.x + (area.width - gridWidth) / 2;
  const moves: TidyMove[] = [];
  let top = area.y + labelSpace;
  for (let start = 0; start < ordered.length; start += columns) {
    const row = ordered.slice(start, start + columns);
    row.forEach((item, i) => moves.push({ id: item.id, x: left + i * (cell + gap) + (cell - item.rect.width) / 2, y: top }));
    top += Math.max(...row.map((i) => i.rect.height)) + gap;
  }
  if (cell + 2 * gap > area.width || top - area.y > area.height) return { ok: false, reason: "no-room" };
  return { ok: true, moves };
}

/**
 * RULE 34 (separate): on an impact/effort matrix a note's position is its score (RULE 6), so
 * tidy only pulls overlapping notes apart. In z-order (bottom first) a note that overlaps a
 * note below it that stays is moved; every other note stays where it is, so scores change as
 * little as possible. Each moved note takes the nearest free slot inside the same area (RULE
 * 32's slots around the note, else around the area's middle, where a note dragged out of its
 * slot left a hole). `others` are what must stay clear besides the notes (labels, borders).
 */
export function separateOverlaps(itemsBottomFirst: readonly TidyItem[], area: Rect, others: Obstacles, gap = NOTE_GAP): TidyResult {
  // A note clashes when it overlaps a note below it that stays; everything that does not clash stays put.
  const clashing = new Set<string>();
  itemsBottomFirst.forEach((item, i) => {
    const below = itemsBottomFirst.slice(0, i).filter((b) => !clashing.has(b.id));
    if (below.some((b) => overlaps(item.rect, b.rect, gap / 2))) clashing.add(item.id);
  });
  const kept: Rect[] = itemsBottomFirst.filter((i) => !clashing.has(i.id)).map((i) => i.rect);
  const moves: TidyMove[] = [];
  for (const item of itemsBottomFirst.filter((i) => clashing.has(i.id))) {
    const obstacles = { occupied: [...others.occupied, ...kept], borders: others.borders };
    // Nearest to where it was dropped; else on the grid quick notes use (anchored at the area's
    // middle, RULE 32), where a note dragged out of its slot left a hole.
    const slot = [{ x: centreX(item.rect), y: centreY(item.rect) }, { x: centreX(area), y: centreY(area) }]
      .map((near) => noteSlot(item.rect, near, obstacles, gap, area))
      .find((s) => s.x >= area.x && s.y >= area.y && s.x + s.width <= area.x + area.width && s.y + s.height <= area.y + area.height);
    if (!slot) return { ok: false, reason: "no-room" };
    kept.push(slot);
    moves.push({ id: item.id, x: slot.x, y: slot.y });
  }
  return { ok: true, moves };
}
