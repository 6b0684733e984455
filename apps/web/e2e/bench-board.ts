/**
 * Benchmark (not a test): a 2,000-element board in real Chromium, measured beside bare Excalidraw.
 *   a. open: link → interactive canvas showing all 2,000 elements, through sync, against the same
 *      Excalidraw build opening the same scene from `initialData` (bench.html, e2e build only),
 *      alternated in one run → ratio (target ≤ 1.15×);
 *   b. remote edit → first animation frame with the new position (p95 target ≤ 16 ms);
 *   c. main-thread time per call of the Outline panel's computation and of auto-placement
 *      (note slot, template spot) on that board (target < 16 ms);
 *   d. JavaScript of the first page load, gzipped: landing route and board route (production build).
 * Run: pnpm --filter @quadrant/web build && pnpm --filter @quadrant/web build:e2e && node --import tsx apps/web/e2e/bench-board.ts
 * With BENCH_PROFILE=1 it only profiles one open of each page (CPU profiler, top self time) and exits;
 * with BENCH_PROFILE=edit, only the remote edits of (b) (self and total time per function); with BENCH_ONLY=edit,
 * only (b), printed and not written to the docs (a quick A/B of builds); with BENCH_AB_DIRS=dirA,dirB, (b) for two
 * builds in one run, edits alternating between them (the A/B to trust on a busy machine).
 * Prints a markdown block and writes it between the bench markers of docs/web-performance.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, type Page, chromium } from "@playwright/test";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { type JsonObject, elementsMap } from "@quadrant/board-model";
import { BENCH_BOARD, seedBenchBoard } from "@quadrant/templates/testing";

// The benchmarks' board: a matrix and a SWOT holding NOTES notes (two elements each), the rest rectangles.
const { elements: ELEMENTS, notes: NOTES } = BENCH_BOARD;
// Fewer samples for a quick A/B on a busy machine: BENCH_OPENS=3 BENCH_EDITS=60.
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const OPENS = Number(process.env.BENCH_OPENS ?? 7); // per page, alternated
const CALLS = 60;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");
const webRoot = path.resolve(here, "..");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];


async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(publicDir: string): Promise<{ origin: string; port: number; child: ChildProcess }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/server.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", STORAGE: "memory", DATA_DIR: mkdtempSync(path.join(tmpdir(), "quadrant-bench-")), LOG_LEVEL: "warn", PUBLIC_DIR: publicDir },
    stdio: "inherit",
  });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 150) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, port, child };
}

async function createBoard(origin: string): Promise<{ id: string; tokens: { editor: string } }> {
  const response = await fetch(`${origin}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Bench board", template: "blank" }) });
  return (await response.json()) as { id: string; tokens: { editor: string } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]) => percentile(sorted(xs), 50);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? "✅ met" : "❌ not met");

/**
 * BENCH_NETWORK=<round trip ms>,<Mbit/s>: both pages open over a throttled link (Chromium's
 * network emulation, which also paces websocket frames), as a remote participant's would be.
 * Unset (the documented runs): localhost, where the page's own CPU work is all there is.
 */
async function throttle(page: Page): Promise<void> {
  const spec = process.env.BENCH_NETWORK;
  if (!spec) return;
  const [rtt = 0, mbps = 0] = spec.split(",").map(Number);
  const bytesPerSecond = (mbps * 1_000_000) / 8;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: rtt, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
}

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // A fresh profile each time: no IndexedDB copy, no HTTP cache, everything comes from the server.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => localStorage.setItem("quadrant.identity.v1", JSON.stringify({ name: "Bench", color: "#1971c2" })));
  const page = await context.newPage();
  await throttle(page);
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  page.on("crash", () => console.error("page crashed"));
  return { context, page };
}

/** The canvas is bound (data-ready) and holds every element; on a timeout, says what it saw. */
async function boardReady(page: Page): Promise<void> {
  try {
    await page.waitForFunction((n) => document.querySelector('[data-ready="true"]') && (window.__quadrantBoard?.sceneElements().length ?? 0) >= n, ELEMENTS, { timeout: 60_000 });
  } catch (error) {
    const seen = await page.evaluate(() => ({ text: document.body.innerText.slice(0, 300), ready: document.querySelector("[data-ready]")?.getAttribute("data-ready") ?? null, scene: window.__quadrantBoard?.sceneElements().length ?? null, doc: window.__quadrantBoard?.docElementCount() ?? null }));
    throw new Error(`the board did not open with ${ELEMENTS} elements: ${JSON.stringify(seen)}`, { cause: error });
  }
}

/** Quadrant: goto → canvas bound (data-ready) and holding every element → the next frame drawn. */
type View = { scrollX: number; scrollY: number; zoom: number };
type Shown = { width: number; height: number; view: View };

/** Opened = every element shown at the first view (the fit to the content), as the bare page opens at that view. */
async function shownAtFirstView(page: Page): Promise<void> {
  await boardReady(page);
  await page.waitForSelector('[data-initial-view]:not([data-initial-view="pending"])', { timeout: 60_000 });
  await page.evaluate(() => window.__quadrantBoard?.nextFrame());
}

async function openQuadrant(browser: Browser, link: string): Promise<{ ms: number; shown: Shown }> {
  const { context, page } = await freshPage(browser);
  const t0 = Date.now();
  await page.goto(link);
  await shownAtFirstView(page);
  const elapsed = Date.now() - t0;
  const box = (await page.getByTestId("board-canvas").boundingBox()) ?? { width: 1280, height: 800 };
  // The view the board was fitted to: the bare page opens the scene at the same one.
  const view = (await page.evaluate(() => window.__quadrantBoard?.view?.())) ?? { scrollX: 0, scrollY: 0, zoom: 1 };
  await context.close();
  return { ms: elapsed, shown: { width: Math.round(box.width), height: Math.round(box.height), view } };
}

/** Bare Excalidraw: goto → start-up done and holding every element → the next frame drawn. */
/** Hands the bare page the scene, the board page's canvas size and its fitted view. */
async function bareScene(context: BrowserContext, scene: readonly JsonObject[], shown: Shown): Promise<void> {
  await context.addInitScript(
    ([elements, { width, height, view }]) => {
      window.__quadrantBenchScene = elements as never;
      window.__quadrantBenchSize = { width, height };
      window.__quadrantBenchView = view;
    },
    [scene, shown] as const,
  );
}

/** (b) beside bare Excalidraw: the same elements moved one at a time with `updateScene` in a bare page at the board's view. */
async function bareEdits(browser: Browser, url: string, scene: readonly JsonObject[], shown: Shown, count: number): Promise<number[]> {
  const { context, page } = await freshPage(browser);
  await bareScene(context, scene, shown);
  await page.goto(url);
  await page.waitForFunction((n) => (window.__quadrantBare?.ready() ?? 0) >= n, ELEMENTS, { timeout: 60_000 });
  await new Promise((r) => setTimeout(r, 500));
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const ms = await page.evaluate((id) => window.__quadrantBare?.moveAndTime(id, 5), `bench-${(i * 37) % 1000}`);
    if (typeof ms !== "number") throw new Error("the bare page has no moveAndTime (rebuild the e2e bundle)");
    latencies.push(Math.round(ms));
    await new Promise((r) => setTimeout(r, 20));
  }
  await context.close();
  return latencies;
}

async function openBare(browser: Browser, url: string, scene: readonly JsonObject[], shown: Shown): Promise<number> {
  const { context, page } = await freshPage(browser);
  await bareScene(context, scene, shown);
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction((n) => (window.__quadrantBare?.ready() ?? 0) >= n, ELEMENTS, { timeout: 60_000 });
  await page.evaluate(() => window.__quadrantBare?.nextFrame());
  const elapsed = Date.now() - t0;
  await context.close();
  return elapsed;
}

/** The JavaScript a first visit downloads (fresh profile), gzipped here at level 9 as the build reports it. */
async function firstLoadJs(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<{ files: Map<string, number> }> {
  const { context, page } = await freshPage(browser);
  const files = new Map<string, number>();
  const bodies: Promise<void>[] = [];
  page.on("response", (response) => {
    const name = new URL(response.url()).pathname;
    if (!name.endsWith(".js") || name === "/sw.js") return;
    bodies.push(response.body().then((b) => void files.set(name, gzipSync(b, { level: 9 }).length), () => undefined));
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState("networkidle");
  await Promise.all(bodies);
  await context.close();
  return { files };
}

/**
 * (b): a Node client moves one element per round; the page notes the first animation frame whose
 * callbacks see the new position in Excalidraw's scene. Returns the latencies (ms, same machine's clock).
 */
async function remoteEdits(page: Page, doc: Y.Doc, map: Y.Map<JsonObject>, count: number, first = 0): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = first; i < first + count; i++) {
    const id = `bench-${(i * 37) % 1000}`;
    const current = map.get(id);
    if (!current) throw new Error(`missing element ${id}`);
    const x = Number(current.x) + 5;
    // The page watches every animation frame for the new position and records the wall clock.
    await page.evaluate(([watchId, watchX]) => window.__quadrantBoard?.watchElementX(watchId, watchX), [id, x] as const);
    const sentAt = Date.now();
    doc.transact(() => map.set(id, { ...current, x, version: Number(current.version) + 1, versionNonce: 9000 + i }));
    const drawnAt = (await (await page.waitForFunction(() => window.__quadrantBoard?.watchedAt(), undefined, { polling: 5 })).jsonValue()) as number;
    latencies.push(drawnAt - sentAt);
    await new Promise((r) => setTimeout(r, 20));
  }
  return latencies;
}

type CpuProfile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
};

/** Chromium's CPU profiler around `run`: sampled every 200 µs. */
async function profiled(context: BrowserContext, page: Page, run: () => Promise<void>): Promise<CpuProfile> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await run();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  return profile;
}

/** The functions with the most self time and (with `inclusive`) the most total time, to find what costs. */
function topOfProfile(profile: CpuProfile, inclusive = false): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (frame: CpuProfile["nodes"][number]["callFrame"]) =>
    `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber}${inclusive ? `:${frame.columnNumber}` : ""}`;
  const self = new Map<string, number>();
  const all = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const key = keyOf(frame);
    self.set(key, (self.get(key) ?? 0) + dt);
    if (!inclusive || key.startsWith("(idle)") || key.startsWith("(program)")) return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at)!.callFrame);
      if (!seen.has(k)) all.set(k, (all.get(k) ?? 0) + dt);
      seen.add(k);
    }
  });
  const busy = [...self].filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(program)")).reduce((a, [, v]) => a + v, 0);
  const list = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`);
  return [`${busy.toFixed(0)} ms of samples outside idle/program; self time:`, ...list(self, 30), ...(inclusive ? ["total time (self + callees):", ...list(all, 60)] : [])];
}

/** One open with Chromium's CPU profiler on: the functions with the most self time, to find what costs. */
async function profileOpen(browser: Browser, url: string, ready: (page: Page) => Promise<void>, init?: (context: BrowserContext) => Promise<unknown>): Promise<string> {
  const { context, page } = await freshPage(browser);
  await init?.(context);
  let elapsed = 0;
  const profile = await profiled(context, page, async () => {
    const t0 = Date.now();
    await page.goto(url);
    await ready(page);
    elapsed = Date.now() - t0;
  });
  await context.close();
  // BENCH_PROFILE_OUT=dir: the raw .cpuprofile too (open it in Chrome DevTools for the timeline).
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(path.join(process.env.BENCH_PROFILE_OUT, `${new URL(url).pathname.startsWith("/b/") ? "quadrant" : "bare"}-open.cpuprofile`), JSON.stringify(profile));
  return [`${url}: ready after ${elapsed} ms`, ...topOfProfile(profile, true)].join("\n");
}

/** The remote edits of (b) under the CPU profiler (BENCH_PROFILE=edit): self and total time per function. */
async function profileEdits(browser: Browser, link: string, doc: Y.Doc, map: Y.Map<JsonObject>): Promise<string> {
  const { context, page } = await freshPage(browser);
  await page.goto(link);
  await boardReady(page);
  await new Promise((r) => setTimeout(r, 500));
  let latencies: number[] = [];
  const profile = await profiled(context, page, async () => {
    latencies = await remoteEdits(page, doc, map, EDITS);
  });
  await context.close();
  const s = sorted(latencies);
  return [`${EDITS} remote edits under the profiler: p50 ${percentile(s, 50)} ms, p95 ${percentile(s, 95)} ms, max ${s[s.length - 1]} ms`, ...topOfProfile(profile, true)].join("\n");
}

/**
 * BENCH_TIMELINE=1: where one open's time goes, without a profiler's overhead. An init script
 * records long tasks and the moments the canvas is bound and its first view decided; after the
 * open, the page's own resource timing adds when each script, font and REST call arrived.
 */
async function openTimeline(browser: Browser, url: string, ready: (page: Page) => Promise<void>, init?: (context: BrowserContext) => Promise<unknown>): Promise<string> {
  const { context, page } = await freshPage(browser);
  await init?.(context);
  // A string, not a function: the bundler's name helpers do not exist in the page.
  await context.addInitScript({
    content: `
      window.__timeline = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__timeline.push({ at: e.startTime, what: "long task " + e.duration.toFixed(0) + " ms (to " + (e.startTime + e.duration).toFixed(0) + ")" });
      }).observe({ type: "longtask", buffered: true });
      // Long animation frames say what a long task was: its scripts (entry point, function, file) and
      // how long the frame's own rendering (style, layout, paint) took after them.
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.duration < 100) continue;
          const scripts = e.scripts.filter((s) => s.duration >= 20).map((s) => s.invoker + (s.sourceFunctionName ? " " + s.sourceFunctionName : "") + " " + (s.sourceURL || "").split("/").pop() + " " + s.duration.toFixed(0) + " ms").join("; ");
          const rendering = e.renderStart > 0 ? (e.startTime + e.duration - e.renderStart).toFixed(0) : "0";
          window.__timeline.push({ at: e.startTime, what: "  frame " + e.duration.toFixed(0) + " ms, rendering " + rendering + " ms; scripts: " + (scripts || "none over 20 ms") });
        }
      }).observe({ type: "long-animation-frame", buffered: true });
      // The board's socket: when it was opened, when it opened, and when each large message arrived.
      const NativeSocket = window.WebSocket;
      window.WebSocket = class extends NativeSocket {
        constructor(...args) {
          super(...args);
          const opened = performance.now();
          this.addEventListener("open", () => window.__timeline.push({ at: performance.now(), what: "socket open (created at " + opened.toFixed(0) + ")" }));
          this.addEventListener("message", (e) => {
            const size = e.data.byteLength ?? e.data.size ?? e.data.length ?? 0;
            if (size > 10000) window.__timeline.push({ at: performance.now(), what: "socket message of " + (size / 1024).toFixed(0) + " KiB" });
          });
        }
      };
      const seen = new Set();
      new MutationObserver(() => {
        for (const [attr, value] of [["data-ready", "true"], ["data-initial-view", "fitted"]]) {
          if (!seen.has(attr) && document.querySelector("[" + attr + '="' + value + '"]')) {
            seen.add(attr);
            window.__timeline.push({ at: performance.now(), what: attr + "=" + value });
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });`,
  });
  const t0 = Date.now();
  await page.goto(url);
  await ready(page);
  const elapsed = Date.now() - t0;
  const lines = await page.evaluate(() => {
    const w = window as unknown as { __timeline: { at: number; what: string }[] };
    const events = [...w.__timeline];
    for (const r of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      const name = r.name.replace(location.origin, "").split("?")[0] ?? r.name;
      if (/\.(js|woff2)$|\/api\//.test(name)) events.push({ at: r.responseEnd, what: `loaded ${name} (requested at ${r.startTime.toFixed(0)}, first byte ${(r.responseStart - r.startTime).toFixed(0)} ms later)` });
    }
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (nav) events.push({ at: nav.responseEnd, what: "HTML loaded" });
    return events.sort((a, b) => a.at - b.at).map((e) => `${e.at.toFixed(0).padStart(6)} ms  ${e.what}`);
  });
  await context.close();
  return [`${url.replace(/#.*/, "")}: ready after ${elapsed} ms (Playwright's clock, from goto)`, ...lines].join("\n");
}

const total = (files: ReadonlyMap<string, number>) => [...files.values()].reduce((a, b) => a + b, 0);

/** A server on `publicDir` holding the seeded board, and the Node client that edits it. */
async function seededBoard(publicDir: string) {
  const server = await startServer(publicDir);
  const created = await createBoard(server.origin);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/ws`, created.id, doc, { params: { token: created.tokens.editor }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  seedBenchBoard(doc);
  await new Promise((r) => setTimeout(r, 1000)); // let the server persist it
  return { server, doc, provider, map: elementsMap(doc), link: `${server.origin}/b/${created.id}#t=${created.tokens.editor}` };
}

/**
 * BENCH_AB_DIRS=dirA,dirB: (b) for two builds at once, one page each, edits alternating between
 * them in rounds of ten, so both meet the same machine load (the way to compare on a busy machine).
 */
async function abEdits(dirs: readonly string[]): Promise<void> {
  const loadStart = loadavg();
  const boards = await Promise.all(dirs.map((dir) => seededBoard(path.resolve(dir))));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const pages = [];
    for (const board of boards) {
      await openQuadrant(browser, board.link); // warm the server's copy and heal indices once
      const { page } = await freshPage(browser);
      await page.goto(board.link);
      await boardReady(page);
      pages.push(page);
    }
    await new Promise((r) => setTimeout(r, 500));
    const latencies: number[][] = boards.map(() => []);
    for (let round = 0; round < EDITS / 10; round++) {
      for (const [i, board] of boards.entries()) {
        // rounds offset the ids so every element is edited once per build, as in (b)
        latencies[i]!.push(...(await remoteEdits(pages[i]!, board.doc, board.map, 10, round * 10)));
      }
    }
    boards.forEach((_, i) => {
      const lat = sorted(latencies[i]!);
      console.log(`(b) ${dirs[i]}: ${lat.length} edits, p50 ${percentile(lat, 50)} ms, p95 ${percentile(lat, 95)} ms, max ${lat[lat.length - 1]} ms`);
    });
    console.log(`load ${loadStart.map((x) => x.toFixed(1)).join("/")} → ${loadavg().map((x) => x.toFixed(1)).join("/")}`);
  } finally {
    await browser.close();
    for (const board of boards) {
      board.provider.destroy();
      board.server.child.kill("SIGTERM");
    }
  }
}

async function main() {
  if (process.env.BENCH_AB_DIRS) return abEdits(process.env.BENCH_AB_DIRS.split(","));
  const loadStart = loadavg();
  // BENCH_E2E_DIR: another e2e build to measure (A/B against a saved copy).
  const e2eDir = path.resolve(process.env.BENCH_E2E_DIR ?? path.join(webRoot, "dist-e2e"));
  const prodDir = existsSync(path.join(webRoot, "dist/index.html")) ? path.join(webRoot, "dist") : e2eDir;
  const servers: ChildProcess[] = [];
  try {
    const bench = await startServer(e2eDir);
    servers.push(bench.child);
    const { origin, port } = bench;
    const created = await createBoard(origin);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws`, created.id, doc, { params: { token: created.tokens.editor }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
    seedBenchBoard(doc);
    const map = elementsMap(doc);
    const scene = [...map.values()];
    if (scene.length !== ELEMENTS) throw new Error(`seeded ${scene.length} elements, not ${ELEMENTS}`);
    await new Promise((r) => setTimeout(r, 1000)); // let the server persist it

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const link = `${origin}/b/${created.id}#t=${created.tokens.editor}`;
    const bareUrl = `${origin}/bench.html`;
    if (process.env.BENCH_ONLY === "edit") {
      // (b) alone, for a quick A/B of builds (BENCH_E2E_DIR); the docs are not rewritten.
      await openQuadrant(browser, link); // warm the server's copy and heal indices once
      const { context, page } = await freshPage(browser);
      await page.goto(link);
      await boardReady(page);
      await new Promise((r) => setTimeout(r, 500));
      const lat = sorted(await remoteEdits(page, doc, map, EDITS));
      await context.close();
      await browser.close();
      provider.destroy();
      console.log(`(b) ${e2eDir}: ${lat.length} edits, p50 ${percentile(lat, 50)} ms, p95 ${percentile(lat, 95)} ms, max ${lat[lat.length - 1]} ms; load ${loadStart.map((x) => x.toFixed(1)).join("/")} → ${loadavg().map((x) => x.toFixed(1)).join("/")}`);
      return;
    }
    if (process.env.BENCH_PROFILE === "edit") {
      await openQuadrant(browser, link); // warm the server's copy and heal indices once
      console.log(await profileEdits(browser, link, doc, map));
      await browser.close();
      provider.destroy();
      return;
    }
    if (process.env.BENCH_TIMELINE) {
      const { shown } = await openQuadrant(browser, link); // warm the server's copy and heal indices once
      for (let run = 0; run < Number(process.env.BENCH_TIMELINE) || run < 1; run++) {
        console.log(await openTimeline(browser, link, async (p) => shownAtFirstView(p)));
        console.log(await openTimeline(browser, bareUrl, async (p) => {
          await p.waitForFunction((n) => (window.__quadrantBare?.ready() ?? 0) >= n, ELEMENTS, { timeout: 60_000 });
          await p.evaluate(() => window.__quadrantBare?.nextFrame());
        }, (c) => bareScene(c, scene, shown)));
      }
      await browser.close();
      provider.destroy();
      return;
    }
    if (process.env.BENCH_PROFILE) {
      const { shown } = await openQuadrant(browser, link); // warm the server's copy and heal indices once
      // Until the same moment (a) times: the content is shown at its fitted first view.
      console.log(await profileOpen(browser, link, async (p) => shownAtFirstView(p)));
      console.log(
        await profileOpen(browser, bareUrl, (p) => p.waitForFunction((n) => (window.__quadrantBare?.ready() ?? 0) >= n, ELEMENTS, { timeout: 60_000 }).then(() => undefined), (c) => bareScene(c, scene, shown)),
      );
      await browser.close();
      return;
    }

    // (a) one warm-up of each (not counted; also gives the canvas size), then alternate.
    const { shown } = await openQuadrant(browser, link);
    await openBare(browser, bareUrl, scene, shown);
    const opens: number[] = [];
    const bares: number[] = [];
    for (let run = 0; run < OPENS; run++) {
      if (run % 2 === 0) {
        opens.push((await openQuadrant(browser, link)).ms);
        bares.push(await openBare(browser, bareUrl, scene, shown));
      } else {
        bares.push(await openBare(browser, bareUrl, scene, shown));
        opens.push((await openQuadrant(browser, link)).ms);
      }
    }
    const ratio = median(opens) / median(bares);
    console.log(`(a) open: Quadrant ${JSON.stringify(opens)} ms, bare ${JSON.stringify(bares)} ms, ratio of medians ${ratio.toFixed(3)}`);

    // (b) remote edits and (c) panel computations, in one open page.
    const { context, page } = await freshPage(browser);
    await page.goto(link);
    await boardReady(page);
    await new Promise((r) => setTimeout(r, 500));
    const latencies = await remoteEdits(page, doc, map, EDITS);
    console.log(`(b) remote edit p50 ${median(latencies)} ms, p95 ${percentile(sorted(latencies), 95)} ms`);
    const bareLatencies = await bareEdits(browser, bareUrl, scene, shown, EDITS);
    console.log(`(b) bare Excalidraw updateScene → frame p50 ${median(bareLatencies)} ms, p95 ${percentile(sorted(bareLatencies), 95)} ms`);
    const outline = await page.evaluate((n) => window.__quadrantBench?.outline(n), CALLS);
    const outlineCold = await page.evaluate((n) => window.__quadrantBench?.outlineCold?.(n), CALLS);
    const slot = await page.evaluate((n) => window.__quadrantBench?.noteSlot(n), CALLS);
    const spot = await page.evaluate((n) => window.__quadrantBench?.templateSpot(n), CALLS);
    if (!outline || !slot || !spot) throw new Error("the e2e build has no window.__quadrantBench");
    if (outline.entries !== 2 || outline.notes !== NOTES) throw new Error(`outline saw ${outline.entries} frames and ${outline.notes} notes, not 2 and ${NOTES}`);
    await context.close();

    // (d) first-load JavaScript, from the production build when there is one.
    const prod = prodDir === e2eDir ? bench : await startServer(prodDir);
    if (prod !== bench) servers.push(prod.child);
    const prodBoard = await createBoard(prod.origin);
    const landing = await firstLoadJs(browser, `${prod.origin}/`, (p) => p.getByRole("heading").first().waitFor());
    const board = await firstLoadJs(browser, `${prod.origin}/b/${prodBoard.id}#t=${prodBoard.tokens.editor}`, (p) => p.locator('[data-ready="true"]').waitFor({ timeout: 60_000 }));
    await browser.close();
    provider.destroy();

    const assets = path.join(prodDir, "assets");
    const allJs = new Map(readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => [`/assets/${f}`, gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length]));
    const loaded = new Set([...landing.files.keys(), ...board.files.keys()]);
    const keptOut = [...allJs].filter(([f]) => !loaded.has(f)).sort((a, b) => b[1] - a[1]);
    const loadEnd = loadavg();

    const o = sorted(opens);
    const b = sorted(bares);
    const lat = sorted(latencies);
    const bareLat = sorted(bareLatencies);
    const calls = (name: string, xs: readonly number[]) => {
      const s = sorted(xs);
      return `| ${name} | ${ms(percentile(s, 50))} | ${ms(percentile(s, 95))} | ${ms(s[s.length - 1] ?? NaN)} | ${s.length} | < 16 ms | ${verdict(percentile(s, 95) < 16)} |`;
    };
    const fileList = (files: ReadonlyMap<string, number>) => [...files].sort((x, y) => y[1] - x[1]).map(([f, n]) => `${path.basename(f)} ${kb(n)}`).join(", ");
    const report = `<!-- bench:start (generated by apps/web/e2e/bench-board.ts; paste a re-run here) -->
Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${cpus().length} CPU cores (${cpus()[0]?.model ?? "unknown"}), headless Debian Chromium
\`--disable-gpu\` (software rendering), server and browser on one machine (memory storage). **Load average (1/5/15 min)
${loadStart.map((x) => x.toFixed(2)).join(" / ")} at the start, ${loadEnd.map((x) => x.toFixed(2)).join(" / ")} at the end.**

Board: **${ELEMENTS} elements**: an impact/effort matrix and a SWOT (frames, zones, labels) holding ${NOTES} sticky notes
(rectangle + bound text each), the rest plain rectangles; seeded by a Node y-websocket client.

| measure | p50 | p95 | min | max | samples | target | verdict |
|---|---:|---:|---:|---:|---:|---|---|
| (a) Quadrant: open link → all ${ELEMENTS} elements on an interactive canvas, through sync | ${o[Math.floor(o.length / 2)]} ms | ${percentile(o, 95)} ms | ${o[0]} ms | ${o[o.length - 1]} ms | ${o.length} | | |
| (a) bare Excalidraw, same build, same scene from \`initialData\`, no sync | ${b[Math.floor(b.length / 2)]} ms | ${percentile(b, 95)} ms | ${b[0]} ms | ${b[b.length - 1]} ms | ${b.length} | | |
| (a) **ratio** of the medians, Quadrant / bare | **${ratio.toFixed(3)}×** | | | | | ≤ 1.15× | ${verdict(ratio <= 1.15)} |
| (b) remote edit sent (Node client) → first animation frame showing it | ${percentile(lat, 50)} ms | **${percentile(lat, 95)} ms** | ${lat[0]} ms | ${lat[lat.length - 1]} ms | ${lat.length} | p95 ≤ 16 ms | ${verdict(percentile(lat, 95) <= 16)} |
| (b) bare Excalidraw, same build and view: the same elements moved with \`updateScene\` → first animation frame after its commit (no network, no Yjs): the floor | ${percentile(bareLat, 50)} ms | ${percentile(bareLat, 95)} ms | ${bareLat[0]} ms | ${bareLat[bareLat.length - 1]} ms | ${bareLat.length} | | |

Main-thread time per call on that board (c):

| computation | p50 | p95 | max | calls | target | verdict |
|---|---:|---:|---:|---:|---|---|
${calls("Outline panel refresh: read the board (elements parsed once, then only changed ones), interpret, list frames, count notes, people in frames", outline.ms)}
${outlineCold ? calls(`the same from cold (the first read after opening: every element parsed, in slices of ${outlineCold.sliceMs ?? "?"} ms each its own task, as the panels' source does): longest task${outlineCold.totalMs ? `; the whole cold read p50 ${ms(percentile(sorted(outlineCold.totalMs), 50))}` : ""}`, outlineCold.ms) : "| cold read | n/a in this build | | | | | |"}
${calls("quick note auto-placement (noteObstacles + noteSlot)", slot.ms)}
${calls("template placement (occupiedBoxes + freeSpotFor)", spot.ms)}

First page load, JavaScript gzipped (level 9) (d), ${prodDir === e2eDir ? "e2e build (no production build found)" : "production build (`apps/web/dist`)"}:

| route | JS files | gzipped | files |
|---|---:|---:|---|
| landing \`/\` | ${landing.files.size} | **${kb(total(landing.files))}** | ${fileList(landing.files)} |
| board \`/b/…\` (until the canvas is ready and the network is idle) | ${board.files.size} | **${kb(total(board.files))}** | ${fileList(board.files)} |
| never loaded by either (lazy: locales, Mermaid, KaTeX, TTD, image tools, …) | ${keptOut.length} | ${kb(total(new Map(keptOut)))} | largest: ${keptOut.slice(0, 6).map(([f, n]) => `${path.basename(f)} ${kb(n)}`).join(", ")} |
<!-- bench:end -->`;
    const docPath = path.join(repoRoot, "docs/web-performance.md");
    const current = existsSync(docPath) ? readFileSync(docPath, "utf8") : "";
    const marked = /<!-- bench:start[\s\S]*?<!-- bench:end -->/;
    if (marked.test(current)) writeFileSync(docPath, current.replace(marked, report));
    else console.warn("docs/web-performance.md has no bench markers: paste the block below by hand");
    console.log(report);
  } finally {
    for (const child of servers) child.kill("SIGTERM");
  }
}

await main();
// Something (a socket of the Node client, the server child's teardown) kept the process alive
// for minutes after the report; everything is closed by now.
process.exit(0);
