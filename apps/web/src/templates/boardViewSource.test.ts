import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildStickyNote, buildTemplate } from "@quadrant/templates";
import { BoardViewSource, PANEL_REFRESH_MS, type Timers } from "./boardViewSource";
import { browserContext, insert } from "./docWrites";

/** Timers the test fires by hand, so the throttle is exact (house rule 7). */
function manualTimers(): Timers & { due: Array<{ fn: () => void; ms: number }>; fire(): void } {
  const due: Array<{ fn: () => void; ms: number }> = [];
  return {
    due,
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
});
