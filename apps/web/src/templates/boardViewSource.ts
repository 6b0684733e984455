import type * as Y from "yjs";
import { type ElementMemo, type ParsedBoard, readBoard, warmElements } from "@quadrant/board-model";
import { type BoardView, type Votes, interpretBoard } from "@quadrant/templates";

/**
 * How long the side panels may trail the document. Reading the board (snapshot, zod parse,
 * interpretation) costs milliseconds on a 2,000-element board; done once per document change
 * by each of the ~9 panels it held the main thread for tens of ms after every remote edit,
 * so the canvas showed edits late. Panels are read, not drawn on: 150 ms behind is invisible.
 */
export const PANEL_REFRESH_MS = 150;

/**
 * The longest one task of a refresh may spend parsing changed elements before it yields. The
 * first reading of a board parses every element (2,000 on a big board: tens of ms in one task,
 * the canvas frozen meanwhile); in slices the panels show it a few frames later instead.
 */
export const PARSE_SLICE_MS = 6;

export interface Timers {
  setTimeout(fn: () => void, ms: number): () => void;
  /** Milliseconds, monotonic. */
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  now: () => performance.now(),
};

/**
 * Reads the whole board: what one panel refresh costs (timed by e2e/bench-board.ts). With the
 * source's memo, only elements changed since the last read are parsed again.
 */
export function computeBoardView(doc: Y.Doc, memo: ElementMemo, votes?: Votes): BoardView {
  return interpretBoard(readBoard(doc, memo), votes);
}

/**
 * The board as the template panels read it, computed once per document change for every panel
 * (not once per panel), at most every PANEL_REFRESH_MS. Views with votes are memoised per votes map.
 */
export class BoardViewSource {
  private board: ParsedBoard | null = null;
  private readonly memo: ElementMemo = new WeakMap();
  /** The document changed since `board` was read. */
  private dirty = false;
  private plain: BoardView | null = null;
  private views = new WeakMap<Votes, BoardView>();
  /**
   * The views handed out before the last reading. A change no panel shows (a shape moved
   * outside every template, most remote edits) reads back equal: the old object is handed
   * out again, so React skips re-rendering nine panels, which held the main thread for many
   * milliseconds every refresh while remote edits streamed in.
   */
  private before: { plain: BoardView | null; views: WeakMap<Votes, BoardView> } = { plain: null, views: new WeakMap() };
  private readonly listeners = new Set<() => void>();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly timers: Timers = realTimers,
  ) {
    // For the document's whole life: the source is kept beside it (useBoardView) and dies with it.
    doc.on("update", () => {
      this.dirty = true;
      if (this.listeners.size === 0 || this.cancel) return;
      this.cancel = this.timers.setTimeout(this.refresh, PANEL_REFRESH_MS);
    });
  }

  /**
   * Parses what changed in tasks of at most PARSE_SLICE_MS, then tells the readers, whose
   * reading then only interprets. Until then `view()` hands out the last reading.
   */
  private readonly refresh = (): void => {
    const started = this.timers.now();
    if (!warmElements(this.doc, this.memo, () => this.timers.now() - started < PARSE_SLICE_MS)) {
      this.cancel = this.timers.setTimeout(this.refresh, 0);
      return;
    }
    this.cancel = null;
    for (const listener of [...this.listeners]) listener();
  };

  /**
   * The interpreted board; `votes` (the revealed totals) only where a panel ranks by them.
   * While a refresh is pending, the last reading (readers are told when to look again).
   */
  view(votes?: Votes): BoardView {
    if (!this.board || (this.dirty && !this.cancel)) {
      this.board = readBoard(this.doc, this.memo);
      this.dirty = false;
      this.before = { plain: this.plain ?? this.before.plain, views: this.views };
      this.plain = null;
      this.views = new WeakMap();
    }
    if (!votes) return (this.plain ??= unchanged(interpretBoard(this.board), this.before.plain));
    const cached = this.views.get(votes) ?? unchanged(interpretBoard(this.board, votes), this.before.views.get(votes));
    this.views.set(votes, cached);
    return cached;
  }

  /** `listener` runs once per refresh interval after the document changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.cancel?.();
      this.cancel = null;
    };
  }
}

/** `before` when `next` holds exactly the same data (the views are plain JSON-like data), else `next`. */
function unchanged(next: BoardView, before: BoardView | null | undefined): BoardView {
  return before && sameData(next, before) ? before : next;
}

/** Structural equality of plain data; anything but plain objects and arrays (a Map, a Date) is equal only to itself. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameData(left[key], right[key]));
}
