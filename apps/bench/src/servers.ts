import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { BoardCreated } from "@quadrant/protocol";
import { HOCUSPOCUS_DOC_PARAM } from "./load/wire";
import { sleep } from "./load/clock";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, "../../..");

export type ServerKind = "ours" | "baseline" | "hocuspocus";

/** How our server runs: the compiled build (production, `npm start`) or TypeScript through tsx (`pnpm dev`). */
export type OursRuntime = "dist" | "tsx";

export interface OursOptions {
  storage: "sqlite" | "memory";
  dataDir: string;
  flushIntervalMs: number | null;
  idleUnloadMs: number | null;
  compactAfterUpdates: number | null;
  cpuProfDir: string | null;
  runtime: OursRuntime;
}

/** A server process we spawned; only this pid is ever signalled. */
export interface RunningServer {
  kind: ServerKind;
  child: ChildProcess;
  pid: number;
  port: number;
  logFile: string;
  /** From spawn to the first successful HTTP answer (ms). */
  readyMs: number;
  /** ws URL for a board (ours) or room (baseline) id, with whatever credentials it needs. */
  wsUrl(board: BoardRef): string;
  createBoard(title: string): Promise<BoardRef>;
}

export interface BoardRef {
  id: string;
  token: string;
}

export function freshDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${tail(logFile)}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      await sleep(10);
    }
  }
  throw new Error(`server not ready at ${url} after ${timeoutMs} ms: ${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-2000);
  } catch {
    return "(no log)";
  }
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = createWriteStream(logFile);
  // node directly, never through a shell or pnpm, so child.pid is the server itself.
  const child = spawn(process.execPath, args, { env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

let built = false;

/** Compiles apps/server to dist/ once per bench process, so every run measures this checkout's code. */
export function buildOurs(): void {
  if (built) return;
  const res = spawnSync(process.execPath, [path.join(REPO_ROOT, "apps/server/build.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`server build failed: ${res.stderr || res.stdout}`);
  built = true;
}

/** `--ours-entry`: run this compiled entry instead of building dist/ (A/B of two builds). */
let entryOverride: string | null = null;
export function useOursEntry(file: string): void {
  entryOverride = path.resolve(REPO_ROOT, file);
}

function ourEntry(runtime: OursRuntime): string[] {
  if (runtime === "tsx") return ["--import", "tsx", path.join(REPO_ROOT, "apps/server/src/server.ts")];
  if (entryOverride) return [entryOverride];
  buildOurs();
  return [path.join(REPO_ROOT, "apps/server/dist/server.js")];
}

export async function startOurs(opts: OursOptions, logDir: string): Promise<RunningServer> {
  const port = await freePort();
  const logFile = path.join(logDir, `ours-${port}.log`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env["PATH"],
    HOME: process.env["HOME"],
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: opts.dataDir,
    STORAGE: opts.storage,
    LOG_LEVEL: "warn",
    // Every load client connects from 127.0.0.1, and the big-board builder sends 20,000
    // updates as fast as it can from one socket: lift the abuse limits (the baseline has none).
    MAX_CONNECTIONS_PER_ADDRESS: "1000000",
    UPGRADES_PER_MINUTE_PER_ADDRESS: "1000000",
    REST_REQUESTS_PER_MINUTE: "1000000",
    MAX_UPDATES_PER_SECOND: "100000",
    MAX_UPDATE_BYTES_PER_SECOND: String(1024 * 1024 * 1024),
    MAX_AWARENESS_PER_SECOND: "100000",
  };
  if (opts.flushIntervalMs !== null) env["FLUSH_INTERVAL_MS"] = String(opts.flushIntervalMs);
  if (opts.idleUnloadMs !== null) env["IDLE_UNLOAD_MS"] = String(opts.idleUnloadMs);
  if (opts.compactAfterUpdates !== null) env["COMPACT_AFTER_UPDATES"] = String(opts.compactAfterUpdates);
  const prof = opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const entry = ourEntry(opts.runtime);
  const spawnedAt = performance.now();
  const child = spawnLogged([...prof, ...entry], env, logFile);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`, child, logFile);
  return {
    kind: "ours",
    child,
    pid: child.pid ?? -1,
    port,
    logFile,
    readyMs: performance.now() - spawnedAt,
    wsUrl: (b) => `ws://127.0.0.1:${port}/ws/${b.id}?token=${encodeURIComponent(b.token)}`,
    async createBoard(title) {
      const res = await fetch(`${base}/api/boards`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title, template: "blank" }),
      });
      if (!res.ok) throw new Error(`POST /api/boards: ${res.status} ${await res.text()}`);
      const created = BoardCreated.parse(await res.json());
      return { id: created.id, token: created.tokens.editor };
    },
  };
}

/** A baseline: a plain Node script on 127.0.0.1:PORT, no auth, rooms named by the board id. */
async function startScript(kind: "baseline" | "hocuspocus", script: string, logDir: string, wsUrl: (port: number, b: BoardRef) => string): Promise<RunningServer> {
  const port = await freePort();
  const logFile = path.join(logDir, `${kind}-${port}.log`);
  const spawnedAt = performance.now();
  const child = spawnLogged([script], { PATH: process.env["PATH"], HOST: "127.0.0.1", PORT: String(port) }, logFile);
  await waitForHttp(`http://127.0.0.1:${port}/`, child, logFile);
  return {
    kind,
    child,
    pid: child.pid ?? -1,
    port,
    logFile,
    readyMs: performance.now() - spawnedAt,
    wsUrl: (b) => wsUrl(port, b),
    createBoard: async (title) => ({ id: title.replace(/[^a-z0-9-]/gi, "-"), token: "" }),
  };
}

export async function startBaseline(logDir: string): Promise<RunningServer> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@y/websocket-server/package.json");
  // The reference server takes the room name from the path and has no auth.
  return startScript("baseline", path.join(path.dirname(pkg), "src/server.js"), logDir, (port, b) => `ws://127.0.0.1:${port}/${b.id}`);
}

/** Hocuspocus 3, its default server, documents in memory (apps/bench/hocuspocus-server.mjs). */
export async function startHocuspocus(logDir: string): Promise<RunningServer> {
  // One socket per document; the name travels in every message (the load's Hocuspocus dialect).
  return startScript(
    "hocuspocus",
    path.join(REPO_ROOT, "apps/bench/hocuspocus-server.mjs"),
    logDir,
    (port, b) => `ws://127.0.0.1:${port}/?${HOCUSPOCUS_DOC_PARAM}=${encodeURIComponent(b.id)}`,
  );
}

/** SIGTERM (our server flushes and writes its CPU profile on it), then SIGKILL after a grace period. */
export async function stopServer(s: RunningServer, graceMs = 10_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once("exit", () => r()));
  s.child.kill("SIGTERM");
  const timer = sleep(graceMs).then(() => "timeout" as const);
  if ((await Promise.race([exited.then(() => "exited" as const), timer])) === "timeout") {
    s.child.kill("SIGKILL");
    await exited;
  }
}
