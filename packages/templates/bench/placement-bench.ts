/**
 * Benchmark (not a test): issue 15's main-thread figures of apps/web/e2e/bench-board.ts section (c),
 * measured in Node on the same 2,000-element board (matrix + SWOT, 300 notes with bound text,
 * the rest rectangles), with zod in its jitless mode as in the browser under the CSP:
 *   cold read     readBoard(doc, new WeakMap()) + interpretBoard (the Outline panel's first read)
 *   quick note    noteObstacles + noteSlot at the hook's 60 wanted points
 *   template spot occupiedBoxes + freeSpotFor (900 × 900 at the content's middle)
 * Run: node --import tsx packages/templates/bench/placement-bench.ts (BENCH_ONLY=<part of a name>: that one alone)
 * A/B in one run: BENCH_BASE=<dir> runs the same against another checkout's packages/ as well,
 * alternating, and checks that both place every note at the same spot. A baseline from a commit:
 *   B=/tmp/base; mkdir -p $B && git archive <commit> packages | tar -x -C $B && ln -s "$PWD/node_modules" $B/node_modules
 *   for p in packages/*; do cp -a $p/node_modules $B/$p/ 2>/dev/null; done
 * (pnpm's links are relative, so the copy shares this checkout's zod and yjs instances.)
 */
import "./jitless";
import path from "node:path";
import { loadavg } from "node:os";
import * as Y from "yjs";
import { type JsonObject, elementsMap } from "@quadrant/board-model";
import { NOTE_SIZE } from "../src/index";
import { BENCH_BOARD, seedBenchBoard } from "../src/testing/bench-board";

const { elements: ELEMENTS, notes: NOTES } = BENCH_BOARD;
const CALLS = 60;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

type Model = typeof import("@quadrant/board-model");
type Templates = typeof import("../src/index");
interface Impl {
  name: string;
  model: Model;
  templates: Templates;
}

async function load(name: string, root: string | null): Promise<Impl> {
  if (!root) return { name, model: await import("@quadrant/board-model"), templates: await import("../src/index") };
  return {
    name,
    model: (await import(path.join(root, "packages/board-model/src/index.ts"))) as Model,
    templates: (await import(path.join(root, "packages/templates/src/index.ts"))) as Templates,
  };
}

const doc = new Y.Doc();
seedBenchBoard(doc);
// What the canvas shows: the stored elements (Excalidraw's carry the same fields and more).
const shown: JsonObject[] = [];
elementsMap(doc).forEach((e) => shown.push(e));
const near = (i: number) => ({ x: (i % 10) * 300, y: Math.floor(i / 10) * 200 });

function measures(impl: Impl): Record<string, (i: number) => unknown> {
  const { model, templates: t } = impl;
  const instances = () => {
    const out: import("@quadrant/board-model").TemplateInstance[] = [];
    model.templatesMap(doc).forEach((raw) => {
      const r = model.TemplateInstance.safeParse(raw);
      if (r.success) out.push(r.data);
    });
    return out;
  };
  const elements = shown as unknown as import("@quadrant/board-model").ElementLike[];
  return {
    "cold read (readBoard + interpretBoard)": () => t.interpretBoard(model.readBoard(doc, new WeakMap())),
    "quick note (noteObstacles + noteSlot)": (i) => t.noteSlot(NOTE_SIZE, near(i), t.noteObstacles(elements, instances())),
    "template spot (occupiedBoxes + freeSpotFor)": () => t.freeSpotFor({ width: 900, height: 900 }, t.occupiedBoxes(elements), { x: 1500, y: 1600 }),
  };
}

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

const impls = [await load("this checkout", null)];
if (process.env.BENCH_BASE) impls.push(await load(`base ${process.env.BENCH_BASE}`, process.env.BENCH_BASE));

if (impls.length === 2) {
  // Same answers: every wanted point of a 40 × 30 grid over the board and around it.
  const [a, b] = impls.map((impl) => impl.templates);
  const instances = (impl: Impl) => [...readTemplates(impl)];
  const elements = shown as unknown as import("@quadrant/board-model").ElementLike[];
  const oa = a!.noteObstacles(elements, instances(impls[0]!));
  const ob = b!.noteObstacles(elements, instances(impls[1]!));
  let differ = 0;
  for (let i = 0; i < 40; i++) {
    for (let j = 0; j < 30; j++) {
      const p = { x: -800 + i * 120, y: -600 + j * 140 };
      if (JSON.stringify(a!.noteSlot(NOTE_SIZE, p, oa)) !== JSON.stringify(b!.noteSlot(NOTE_SIZE, p, ob))) differ++;
    }
  }
  console.log(`same note slots at 1,200 wanted points: ${differ === 0 ? "yes" : `NO, ${differ} differ`}`);
}
function readTemplates(impl: Impl) {
  const out: import("@quadrant/board-model").TemplateInstance[] = [];
  impl.model.templatesMap(doc).forEach((raw) => {
    const r = impl.model.TemplateInstance.safeParse(raw);
    if (r.success) out.push(r.data);
  });
  return out;
}

const samples = new Map<string, Map<string, number[]>>();
console.log(`load average at start ${loadavg().map((x) => x.toFixed(2)).join(" / ")}; ${ROUNDS} rounds × ${CALLS} calls, each call alternated between the checkouts`);
const runs = impls.map((impl) => ({ impl, measures: measures(impl) }));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of Object.keys(runs[0]!.measures).filter((n) => n.includes(process.env.BENCH_ONLY ?? ""))) {
    const byImpl = samples.get(name) ?? new Map<string, number[]>();
    samples.set(name, byImpl);
    for (let i = 0; i < CALLS; i++) {
      // Call by call, in turn (first one, then the other first): a busy machine's swings hit both alike.
      const order = (round * CALLS + i) % 2 === 0 ? runs : [...runs].reverse();
      for (const { impl, measures: m } of order) {
        const ms = byImpl.get(impl.name) ?? [];
        byImpl.set(impl.name, ms);
        const t0 = performance.now();
        m[name]!(i);
        ms.push(performance.now() - t0);
      }
    }
  }
}
for (const [name, byImpl] of samples) {
  console.log(name);
  for (const [impl, ms] of byImpl) console.log(`  ${impl.padEnd(40)} p50 ${f(pct(ms, 50))}  p95 ${f(pct(ms, 95))}  max ${f(Math.max(...ms))} ms  (${ms.length} calls)`);
  if (byImpl.size === 2) {
    const [a, b] = [...byImpl.values()];
    console.log(`  ratio this/base: p50 ${(pct(a!, 50) / pct(b!, 50)).toFixed(2)}x  p95 ${(pct(a!, 95) / pct(b!, 95)).toFixed(2)}x  max ${(Math.max(...a!) / Math.max(...b!)).toFixed(2)}x`);
  }
}
console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
