import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildStickyNote, buildTemplate } from "@quadrant/templates";
import { elementsMap } from "@quadrant/board-model";
import { BoardViewSource, PANEL_REFRESH_MS, PARSE_SLICE_MS, type Timers, sameData } from "./boardViewSource";
import { browserContext, insert } from "./docWrites";

/** Timers the test fires by hand, so the throttle is exact (house rule 7). */
function manualTimers(): Timers & { due: Array<{ fn: () => void; ms: number }>; fire(): void; clock: { ms: number } } {
  const due: Array<{ fn: () => void; ms: number }> = [];
  const clock = { ms: 0 };
  return {
    due,
    clock,
    now: () => clock.ms,
    setTimeout: (fn, ms) => {
      const entry = { fn, ms };
      due.push(entry);
      return () => void due.splice(due.indexOf(entry), 1);
    },
    fire: () => {
      for (const entry of due.splice(0)) entry.fn();
    },
  };
}

function boardWithMatrix(): Y.Doc {
  const doc = new Y.Doc();
  const matrix = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 900, height: 900 }, browserContext());
  insert(doc, { elements: matrix.elements, templates: [matrix.instance] });
  return doc;
}

describe("BoardViewSource: one board reading shared by every panel", () => {
  it("reads the board once for any number of readers and hands each the same view", () => {
    const source = new BoardViewSource(boardWithMatrix(), manualTimers());
    const stop = source.subscribe(() => undefined);
    const first = source.view();
    expect(first.templates).toHaveLength(1);
    expect(source.view()).toBe(first);
    const votes = new Map([["x", 1]]);
    expect(source.view(votes)).toBe(source.view(votes));
    expect(source.view(votes)).not.toBe(first);
    stop();
  });

  it("tells its readers once per refresh interval however many edits arrive, then shows them", () => {
    const doc = boardWithMatrix();
    const timers = manualTimers();
    const source = new BoardViewSource(doc, timers);
    let calls = 0;
    const stop = source.subscribe(() => calls++);
    const before = source.view();
    for (let i = 0; i < 5; i++) insert(doc, { elements: buildStickyNote({ x: 100 + i * 200, y: 100 }, `idea ${i}`, {}, browserContext()).elements });
    expect(timers.due).toHaveLength(1);
    expect(timers.due[0]?.ms).toBe(PANEL_REFRESH_MS);
    expect(calls).toBe(0);
    expect(source.view()).toBe(before); // still the last reading until the refresh
    timers.fire();
    expect(calls).toBe(1);
    expect(source.view().notes).toHaveLength(5);
    stop();
    insert(doc, { elements: buildStickyNote({ x: 100, y: 400 }, "late", {}, browserContext()).elements });
    expect(timers.due).toHaveLength(0);
    expect(source.view().notes).toHaveLength(6); // unsubscribed: read fresh, never a stale copy
  });

  it("hands out the same view object after a change no panel shows, and a new one after a change they show", () => {
    const doc = boardWithMatrix();
    const timers = manualTimers();
    const source = new BoardViewSource(doc, timers);
    const stop = source.subscribe(() => undefined);
    const votes = new Map([["x", 1]]);
    insert(doc, { elements: [{ id: "shape", type: "rectangle", x: 5000, y: 5000, width: 10, height: 10, version: 1, versionNonce: 1, isDeleted: false, index: "b0" }] });
    timers.fire();
    const first = source.view();
    const ranked = source.view(votes);
    // a shape far outside every template moves (a typical remote edit)
    const shape = elementsMap(doc).get("shape");
    elementsMap(doc).set("shape", { ...shape, x: 6000, version: 2 });
    timers.fire();
    expect(source.view()).toBe(first);
    expect(source.view(votes)).toBe(ranked);
    // a note arrives: the panels must see it
    insert(doc, { elements: buildStickyNote({ x: 100, y: 100 }, "idea", {}, browserContext()).elements });
    timers.fire();
    expect(source.view()).not.toBe(first);
    expect(source.view().notes).toHaveLength(1);
    stop();
  });
});

describe("BoardViewSource: a big change is parsed in slices", () => {
  it("parses a big arrival over several tasks of at most PARSE_SLICE_MS, showing the last reading until done", () => {
    const doc = boardWithMatrix();
    const timers = manualTimers();
    const source = new BoardViewSource(doc, timers);
    let calls = 0;
    const stop = source.subscribe(() => calls++);
    const before = source.view();
    const notes = Array.from({ length: 10 }, (_, i) => buildStickyNote({ x: 100 + i * 200, y: 100 }, `idea ${i}`, {}, browserContext()).elements).flat();
    insert(doc, { elements: notes });
    // Each parse "takes" 1 ms of the clock: a slice parses PARSE_SLICE_MS elements, then yields.
    const parsedPerSlice: number[] = [];
    const realNow = timers.now;
    let parsed = 0;
    timers.now = () => {
      parsed++;
      timers.clock.ms += 1;
      return realNow();
    };
    timers.fire(); // the refresh interval: first slice
    let slices = 1;
    while (timers.due.length > 0) {
      expect(timers.due[0]?.ms).toBe(0); // the next slice is its own task
      expect(calls).toBe(0);
      expect(source.view()).toBe(before); // readers see the last reading meanwhile
      parsedPerSlice.push(parsed);
      parsed = 0;
      timers.fire();
      slices++;
    }
    expect(slices).toBeGreaterThan(2);
    for (const n of parsedPerSlice) expect(n).toBeLessThanOrEqual(PARSE_SLICE_MS + 2);
    expect(calls).toBe(1);
    expect(source.view().notes).toHaveLength(10);
    stop();
  });
});

describe("sameData", () => {
  it("compares plain data by value and anything else by identity", () => {
    expect(sameData({ a: [1, { b: "x" }], c: null }, { c: null, a: [1, { b: "x" }] })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData(new Map([["a", 1]]), new Map([["a", 2]]))).toBe(false);
    const same = new Map();
    expect(sameData({ m: same }, { m: same })).toBe(true);
  });
});
