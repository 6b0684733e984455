import { describe, expect, it } from "vitest";
import { type CountLines, LABEL_INSET, NOTE_LINE_HEIGHT, fitNote, fittedSticky } from "./note-fit";
import { NOTE_SIZE } from "./notes";

/** A fixed-width font: each character 0.55 em; words wrap greedily, as Excalidraw's wrapText does. */
const monospace: CountLines = (text, fontSize, maxWidth) => {
  const perLine = Math.max(1, Math.floor(maxWidth / (fontSize * 0.55)));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines += 1;
    for (const word of paragraph.split(" ")) {
      const len = word.length;
      if (line === 0) line = len;
      else if (line + 1 + len <= perLine) line += 1 + len;
      else {
        lines += 1;
        line = len;
      }
      while (line > perLine) {
        lines += 1;
        line -= perLine;
      }
    }
  }
  return lines;
};

describe("RULE 35: a sticky fits its text", () => {
  it("short text: the usual sticky at 20 px", () => {
    expect(fitNote("Ship SSO", monospace)).toEqual({ ...NOTE_SIZE, fontSize: 20 });
  });

  it("a few lines: the usual width, taller, still 20 px", () => {
    const fit = fitNote("Strong brand in mid-market accounts across Europe", monospace);
    expect(fit.width).toBe(160);
    expect(fit.fontSize).toBe(20);
    expect(fit.height).toBeGreaterThan(NOTE_SIZE.height);
    expect(fit.height).toBeLessThanOrEqual(160);
  });

  it("200 characters: a wider sticky, the font within bounds, every line inside", () => {
    const text = "We keep losing enterprise deals because we have no single sign-on, no audit log and no role-based access; the sales team says three of the last five lost deals named this as the main reason!!";
    expect(text.length).toBeGreaterThanOrEqual(190);
    const fit = fitNote(text, monospace);
    expect(fit.width).toBe(240);
    expect(fit.fontSize).toBeGreaterThanOrEqual(16);
    const lines = monospace(text, fit.fontSize, fit.width - 2 * LABEL_INSET);
    expect(lines * fit.fontSize * NOTE_LINE_HEIGHT).toBeLessThanOrEqual(fit.height);
  });

  it("a very long text: 16 px and as tall as it needs, never cut", () => {
    const text = "word ".repeat(400);
    const fit = fitNote(text, monospace);
    expect(fit).toMatchObject({ width: 240, fontSize: 16 });
    expect(fit.height).toBeGreaterThan(240);
    expect(monospace(text, 16, 230) * 16 * NOTE_LINE_HEIGHT).toBeLessThanOrEqual(fit.height);
  });

  it("fittedSticky keeps the centre and centres the label inside", () => {
    const sticky = { id: "s", x: 0, y: 0, width: 160, height: 100 };
    const label = { id: "t", x: 5, y: 37.5, width: 150, height: 25, fontSize: 20, text: "a b" };
    const [s, t] = fittedSticky(sticky, label, { width: 240, height: 180, fontSize: 18 }, "a\nb\nc");
    expect(s).toEqual({ id: "s", x: -40, y: -40, width: 240, height: 180 });
    expect(t).toMatchObject({ x: -35, width: 230, fontSize: 18, text: "a\nb\nc", height: 3 * 18 * NOTE_LINE_HEIGHT });
    expect(t.y + t.height / 2).toBeCloseTo(50);
  });
});
