import { describe, expect, it } from "vitest";
import { CLEAR_GAP, panClearOf, type ScreenRect } from "./panClearOf";

const rect = (left: number, top: number, width: number, height: number): ScreenRect => ({ left, top, right: left + width, bottom: top + height });
const view = rect(0, 56, 1000, 700);
const panel = rect(12, 120, 200, 500);

describe("panClearOf", () => {
  it("leaves a selection that does not touch the panel where it is", () => {
    expect(panClearOf(rect(300, 200, 160, 120), panel, view)).toBe(0);
    // beside it, above it, below it
    expect(panClearOf(rect(212, 200, 160, 120), panel, view)).toBe(0);
    expect(panClearOf(rect(50, 60, 160, 60), panel, view)).toBe(0);
    expect(panClearOf(rect(50, 620, 160, 60), panel, view)).toBe(0);
  });

  it("moves a selection under the panel just clear of its right edge, with the gap", () => {
    const note = rect(100, 300, 160, 120);
    const dx = panClearOf(note, panel, view);
    expect(dx).toBe(212 + CLEAR_GAP - 100);
    expect(note.left + dx).toBe(panel.right + CLEAR_GAP);
  });

  it("moves a selection that only overlaps the panel's right edge by the overlap and the gap", () => {
    expect(panClearOf(rect(200, 300, 160, 120), panel, view)).toBe(12 + CLEAR_GAP);
  });

  it("moves a selection that starts left of the view (scrolled off) fully into the room beside the panel", () => {
    expect(panClearOf(rect(-80, 300, 160, 120), panel, view)).toBe(212 + CLEAR_GAP + 80);
  });

  it("leaves a selection wider than the room beside the panel alone: moving would only hide its other side", () => {
    const room = view.right - panel.right - 2 * CLEAR_GAP;
    expect(panClearOf(rect(100, 300, room + 1, 120), panel, view)).toBe(0);
    expect(panClearOf(rect(100, 300, room, 120), panel, view)).toBe(panel.right + CLEAR_GAP - 100);
  });

  it("takes the gap it is given", () => {
    expect(panClearOf(rect(100, 300, 160, 120), panel, view, 0)).toBe(112);
  });
});
