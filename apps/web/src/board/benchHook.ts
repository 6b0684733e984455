import type * as Y from "yjs";
import { warmElements } from "@quadrant/board-model";
import { NOTE_SIZE } from "@quadrant/templates";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Presence } from "../collab/presence";
import { outlineOf } from "../templates/outline";
import { noteCentre, templateOrigin, viewCentre } from "../templates/placeNew";
import { PARSE_SLICE_MS, computeBoardView } from "../templates/boardViewSource";
import { readLookers } from "../templates/useLookers";

/**
 * Benchmark hook (e2e build only, window.__quadrantBench): times, on this page's main thread,
 * the computations a person waits for on a big board. Each runs on the live board and
 * returns what it found; nothing is written (the benchmark reads, it does not act).
 */
export interface BenchHook {
  /** ms per call of the Outline panel's computation: interpret the document, list frames, count notes, people in frames. */
  outline(calls: number): Promise<{ ms: number[]; entries: number; notes: number }>;
  /**
   * The first reading after opening (every element parsed), as the panels' source does it: in
   * slices of PARSE_SLICE_MS, each its own task. `ms`: each call's longest task; `totalMs`: its sum.
   */
  outlineCold(calls: number): { ms: number[]; totalMs: number[]; sliceMs: number };
  /** ms per call of a quick note's auto-placement (noteSlot over the board's obstacles). */
  noteSlot(calls: number): Promise<{ ms: number[] }>;
  /** ms per call of a new template's placement (freeSpotFor over every element's box). */
  templateSpot(calls: number): Promise<{ ms: number[] }>;
}

declare global {
  interface Window {
    __quadrantBench?: BenchHook;
  }
}

/**
 * Pause between two timed calls: each is its own task, as a click is, with idle time between for
 * the browser's own work. Back to back in one task, 60 calls' garbage was collected inside some of
 * them: a placement with a 2.6 ms median measured 114 ms at its max.
 */
const BETWEEN_CALLS_MS = 30;

async function timed<T>(calls: number, run: (i: number) => T): Promise<{ ms: number[]; last: T | undefined }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < calls; i++) {
    await new Promise((resolve) => setTimeout(resolve, BETWEEN_CALLS_MS));
    const t0 = performance.now();
    last = run(i);
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export function installBenchHook(doc: Y.Doc, scene: ExcalidrawScene, presence: Presence): () => void {
  const api = { doc, scene };
  const hook: BenchHook = {
    // As the panels' source reads a board the first time: parse slices (each its own task in the
    // app), then the reading; a call's figure is its longest task, the whole cold read its total.
    outlineCold: (calls) => {
      const ms: number[] = [];
      const totalMs: number[] = [];
      for (let i = 0; i < calls; i++) {
        const memo = new WeakMap();
        const tasks: number[] = [];
        for (let done = false; !done; ) {
          const t0 = performance.now();
          done = warmElements(doc, memo, () => performance.now() - t0 < PARSE_SLICE_MS);
          tasks.push(performance.now() - t0);
        }
        const t0 = performance.now();
        outlineOf(computeBoardView(doc, memo), scene.api.getSceneElements(), readLookers(presence));
        tasks.push(performance.now() - t0);
        ms.push(Math.max(...tasks));
        totalMs.push(tasks.reduce((a, b) => a + b, 0));
      }
      return { ms, totalMs, sliceMs: PARSE_SLICE_MS };
    },
    outline: async (calls) => {
      // As the panel refreshes: one element moved since the last read (the memo parses just it).
      const memo = new WeakMap();
      computeBoardView(doc, memo);
      const { ms, last } = await timed(calls, () => {
        const view = computeBoardView(doc, memo);
        return { entries: outlineOf(view, scene.api.getSceneElements(), readLookers(presence)).length, notes: view.notes.length };
      });
      return { ms, entries: last?.entries ?? 0, notes: last?.notes ?? 0 };
    },
    // Spread the wanted point over the board so some calls start in crowded places.
    noteSlot: (calls) => timed(calls, (i) => noteCentre(api, NOTE_SIZE, { x: (i % 10) * 300, y: Math.floor(i / 10) * 200 })),
    templateSpot: (calls) => timed(calls, () => templateOrigin(api, { width: 900, height: 900 }, viewCentre(api))),
  };
  window.__quadrantBench = hook;
  return () => {
    if (window.__quadrantBench === hook) delete window.__quadrantBench;
  };
}
