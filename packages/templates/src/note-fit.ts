import { NOTE_SIZE } from "./notes";

/**
 * How many lines `text` wraps to at `fontSize` within `maxWidth`. The web client measures with
 * Excalidraw's own wrapping (the same the canvas draws), tests with a fixed-width font: the
 * rule below never measures text itself, so it stays pure.
 */
export type CountLines = (text: string, fontSize: number, maxWidth: number) => number;

/** What a sticky's text needs: the sticky's size and the label's font size. */
export interface NoteFit {
  width: number;
  height: number;
  fontSize: number;
}

/** Excalidraw keeps this much between a container's edge and its bound text (BOUND_TEXT_PADDING). */
export const LABEL_INSET = 5;
/** Excalidraw's default line height for its hand-drawn font, which notes use. */
export const NOTE_LINE_HEIGHT = 1.25;
/** Room kept above and below a sticky's text, so it never touches the edge. */
export const NOTE_PADDING = 12;
/** Font sizes a note's text may take, largest first: 20 px still reads at 50 % zoom (10 px), 16 px is the floor. */
export const NOTE_FONT_SIZES = [20, 18, 16] as const;
/** The sizes a sticky may take before its text shrinks: the usual sticky, then a wide one. */
const STEPS: readonly { width: number; maxHeight: number }[] = [
  { width: NOTE_SIZE.width, maxHeight: NOTE_SIZE.width },
  { width: NOTE_SIZE.width * 1.5, maxHeight: NOTE_SIZE.width * 1.5 },
];

/**
 * RULE 35: a sticky fits its text. The text wraps inside the sticky (Excalidraw's inset on each
 * side) and the sticky grows to fit it. In order, the first that holds the text wins: the usual
 * 160 px sticky at 20 px, growing down to square; a 240 px one at 20 px, 18 px, then 16 px, up
 * to square; past that the 240 px sticky at 16 px grows as tall as the text needs (nothing is
 * ever cut). Never smaller than NOTE_SIZE.
 */
export function fitNote(text: string, countLines: CountLines): NoteFit {
  const heightFor = (width: number, fontSize: number) =>
    Math.max(NOTE_SIZE.height, Math.ceil(countLines(text, fontSize, width - 2 * LABEL_INSET) * fontSize * NOTE_LINE_HEIGHT + 2 * NOTE_PADDING));
  const tries = [
    { ...STEPS[0]!, fontSize: NOTE_FONT_SIZES[0] },
    ...NOTE_FONT_SIZES.map((fontSize) => ({ ...STEPS[1]!, fontSize })),
  ];
  for (const t of tries) {
    const height = heightFor(t.width, t.fontSize);
    if (height <= t.maxHeight) return { width: t.width, height, fontSize: t.fontSize };
  }
  const last = tries[tries.length - 1]!;
  return { width: last.width, height: heightFor(last.width, last.fontSize), fontSize: last.fontSize };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * RULE 35 applied to a sticky and its bound label: the sticky takes `fit`'s size about the same
 * centre (so a note never jumps away from where it was put), the label gets the font size, the
 * wrapped `text` (the words stay in `originalText`) and sits centred inside it.
 */
export function fittedSticky<S extends Box, L extends Box>(sticky: S, label: L, fit: NoteFit, wrapped: string): [S, L] {
  const cx = sticky.x + sticky.width / 2;
  const cy = sticky.y + sticky.height / 2;
  const lines = wrapped.split("\n").length;
  const labelHeight = lines * fit.fontSize * NOTE_LINE_HEIGHT;
  const x = cx - fit.width / 2;
  return [
    { ...sticky, x, y: cy - fit.height / 2, width: fit.width, height: fit.height },
    { ...label, x: x + LABEL_INSET, y: cy - labelHeight / 2, width: fit.width - 2 * LABEL_INSET, height: labelHeight, fontSize: fit.fontSize, text: wrapped },
  ];
}
