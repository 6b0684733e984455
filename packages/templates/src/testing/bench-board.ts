import type * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap, templatesMap } from "@quadrant/board-model";
import { type BuildContext, IMPACT_EFFORT_ZONES, SWOT_ZONES, buildStickyNote, buildTemplate } from "../index";

/**
 * The benchmarks' workshop board (apps/web/e2e/bench-board.ts in Chromium, bench/placement-bench.ts in
 * Node): an impact/effort matrix and a SWOT with notes in their zones, the rest plain rectangles
 * `bench-0`, `bench-1`, … (the ones the web bench moves). Deterministic: every run draws the same board.
 */
export const BENCH_BOARD = { elements: 2000, notes: 300 } as const;

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Valid Excalidraw fractional indices after every template and note: "c" + three base-62 digits. */
function indexKey(i: number): string {
  return `c${DIGITS[Math.floor(i / 3844) % 62]}${DIGITS[Math.floor(i / 62) % 62]}${DIGITS[i % 62]}`;
}

function rectangle(i: number): JsonObject {
  return {
    id: `bench-${i}`, type: "rectangle", x: (i % 50) * 60, y: 1100 + Math.floor(i / 50) * 60, width: 50, height: 40, angle: 0,
    strokeColor: "#1e1e1e", backgroundColor: i % 3 === 0 ? "#ffec99" : "transparent", fillStyle: "solid", strokeWidth: 2,
    strokeStyle: "solid", roughness: 1, opacity: 100, groupIds: [], frameId: null, index: indexKey(i), roundness: { type: 3 },
    seed: 1000 + i, version: 1, versionNonce: 7000 + i, isDeleted: false, boundElements: null, updated: 1, link: null, locked: false,
  };
}

/** Deterministic ids and seeds. */
function benchContext(): BuildContext {
  let id = 0;
  let seed = 42;
  return { newId: () => `q${String(id++).padStart(6, "0")}`, random: () => (seed = (seed * 48271) % 2147483647) / 2147483647, now: 1_700_000_000_000 };
}

/** Writes the benchmark board into `doc` in one transaction: `BENCH_BOARD.elements` elements, `BENCH_BOARD.notes` notes (two elements each). */
export function seedBenchBoard(doc: Y.Doc): void {
  const ctx = benchContext();
  const size = { width: 900, height: 900 };
  const templates = [buildTemplate("impact-effort", { x: 0, y: 0 }, size, ctx), buildTemplate("swot", { x: 1000, y: 0 }, size, ctx)];
  const zones = [IMPACT_EFFORT_ZONES, SWOT_ZONES];
  const notes = Array.from({ length: BENCH_BOARD.notes }, (_, i) => {
    const t = i % 2;
    const zone = zones[t]![i % 4]!;
    const origin = { x: t * 1000, y: 0 };
    const k = Math.floor(i / 8);
    const centre = { x: origin.x + (zone.x + zone.width * (0.2 + 0.6 * ((k % 6) / 5))) * 900, y: origin.y + (zone.y + zone.height * (0.2 + 0.6 * ((Math.floor(k / 6) % 6) / 5))) * 900 };
    return buildStickyNote(centre, `Idea ${i}: a note long enough to wrap onto a second line`, {}, ctx);
  });
  const structured = templates.flatMap((t) => t.elements).length + notes.length * 2;
  doc.transact(() => {
    const elements = elementsMap(doc);
    for (const t of templates) {
      for (const e of t.elements) elements.set(String(e.id), e);
      templatesMap(doc).set(t.instance.id, { ...t.instance });
    }
    for (const n of notes) {
      for (const e of n.elements) elements.set(String(e.id), e);
      notesMap(doc).set(n.noteId, { ...n.data });
    }
    for (let i = 0; i < BENCH_BOARD.elements - structured; i++) elements.set(`bench-${i}`, rectangle(i));
  });
}
