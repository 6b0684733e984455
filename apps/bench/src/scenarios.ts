import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { memoryOf } from "./proc-stats";
import { runLoad, type LoadRun } from "./run-load";
import { median } from "./stats";
import { sleep } from "./load/clock";
import { connect, finish, newTraffic, type Connection } from "./load/connection";
import { LightClient } from "./load/light-client";
import {
  freshDir,
  startBaseline,
  startHocuspocus,
  startOurs,
  stopServer,
  type BoardRef,
  type RunningServer,
} from "./servers";

/** Which server a run drives: ours with durable SQLite, ours in memory, the reference server, or Hocuspocus 3. */
export type Target = "ours" | "ours-memory" | "baseline" | "hocuspocus";

export interface BenchOptions {
  warmupS: number;
  durationS: number;
  drainS: number;
  writers: number;
  probes: number;
  updatesPerSecond: number;
  cursorsPerSecond: number;
  boards: number;
  clientsPerBoard: number;
  bigElements: number;
  bigUpdates: number;
  joins: number;
  flushIntervalMs: number | null;
  compactAfterUpdates: number | null;
  cpuProfDir: string | null;
  workDir: string;
}

/** Per run: server CPU in the measured window, peak RSS over the process's life, plus the load's own figures. */
export interface RunFigures {
  target: Target;
  serverCpuS: number | null;
  serverPeakRssMiB: number;
  /** 1-minute load average when the run started and ended: other work on the machine skews latencies. */
  loadAvgAtStart: number;
  /** null in results written before it was recorded. */
  loadAvgAtEnd: number | null;
  load: Record<string, unknown>;
  loadRun: Omit<LoadRun, "result">;
}

async function start(
  target: Target,
  opts: BenchOptions,
  extra: { idleUnloadMs?: number; profile?: boolean },
  dataDir: string,
): Promise<RunningServer> {
  switch (target) {
    case "baseline":
      return startBaseline(opts.workDir);
    case "hocuspocus":
      return startHocuspocus(opts.workDir);
    case "ours":
    case "ours-memory":
      return startOurs(
        {
          runtime: "dist",
          storage: target === "ours" ? "sqlite" : "memory",
          dataDir,
          flushIntervalMs: opts.flushIntervalMs,
          idleUnloadMs: extra.idleUnloadMs ?? null,
          compactAfterUpdates: opts.compactAfterUpdates,
          cpuProfDir: extra.profile ? opts.cpuProfDir : null,
        },
        opts.workDir,
      );
  }
}

/** Runs `body` against a freshly started server and always stops it (only that pid). */
async function withServer<T>(
  target: Target,
  opts: BenchOptions,
  extra: { idleUnloadMs?: number; profile?: boolean },
  body: (s: RunningServer) => Promise<T>,
): Promise<{ value: T; peakRssMiB: number }> {
  // A fresh DATA_DIR per run, removed afterwards (the big board leaves megabytes behind).
  const dataDir = freshDir("quadrant-bench-data-");
  try {
    const server = await start(target, opts, extra, dataDir);
    try {
      const value = await body(server);
      return { value, peakRssMiB: memoryOf(server.pid).peakRssMiB };
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The measured phases and connection pacing every load run shares. */
function phases(opts: BenchOptions) {
  return { warmupS: opts.warmupS, durationS: opts.durationS, drainS: opts.drainS, connectConcurrency: 50, connectTimeoutS: 60 };
}

/** How long the load process may take: its phases plus `slackS` for connecting and draining. */
function deadlineMs(opts: BenchOptions, slackS: number): number {
  return (opts.warmupS + opts.durationS + opts.drainS + slackS) * 1000;
}

/** The machine's 1-minute load average (NaN if the platform has none; JSON then holds null). */
export const loadAvg1 = (): number => os.loadavg()[0] ?? Number.NaN;

export async function roomRun(target: Target, clients: number, opts: BenchOptions, profile = false): Promise<RunFigures> {
  const loadAvgAtStart = loadAvg1();
  const { value, peakRssMiB } = await withServer(target, opts, { profile }, async (server) => {
    const board = await server.createBoard(`bench-room-${clients}`);
    return runLoad(
      {
        kind: "room",
        url: server.wsUrl(board),
        clients,
        writers: opts.writers,
        probes: opts.probes,
        updatesPerSecond: opts.updatesPerSecond,
        cursorsPerSecond: opts.cursorsPerSecond,
        ...phases(opts),
      },
      server,
      opts.workDir,
      deadlineMs(opts, 180),
    );
  });
  const { result, ...loadRun } = value;
  return { target, serverCpuS: value.serverCpuMeasureS, serverPeakRssMiB: peakRssMiB, loadAvgAtStart, loadAvgAtEnd: loadAvg1(), load: result, loadRun };
}

async function createBoards(server: RunningServer, count: number, prefix: string): Promise<BoardRef[]> {
  const boards: BoardRef[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = Array.from({ length: Math.min(20, count - i) }, (_, k) => server.createBoard(`${prefix}-${i + k}`));
    boards.push(...(await Promise.all(batch)));
  }
  return boards;
}

export async function boardsRun(target: Target, opts: BenchOptions, profile = false): Promise<RunFigures & { rssPerConnectionKiB: number | null }> {
  const loadAvgAtStart = loadAvg1();
  const { value, peakRssMiB } = await withServer(target, opts, { profile }, async (server) => {
    const boards = await createBoards(server, opts.boards, "bench-boards");
    return runLoad(
      {
        kind: "boards",
        urls: boards.map((b) => server.wsUrl(b)),
        clientsPerBoard: opts.clientsPerBoard,
        updatesPerSecond: 1,
        ...phases(opts),
      },
      server,
      opts.workDir,
      deadlineMs(opts, 300),
    );
  });
  const { result, ...loadRun } = value;
  const connected = typeof result["connected"] === "number" ? result["connected"] : 0;
  const rssPerConnectionKiB =
    value.rssSyncedMiB !== null && connected > 0 ? ((value.rssSyncedMiB - value.rssBeforeMiB) * 1024) / connected : null;
  return {
    target,
    serverCpuS: value.serverCpuMeasureS,
    serverPeakRssMiB: peakRssMiB,
    loadAvgAtStart,
    loadAvgAtEnd: loadAvg1(),
    load: result,
    loadRun,
    rssPerConnectionKiB,
  };
}

export interface BigBoardFigures {
  target: Target;
  build: Record<string, unknown>;
  warm: Record<string, unknown>;
  /** null for the baselines: they keep every document in memory, so a cold join is a warm join. */
  cold: Record<string, unknown> | null;
  /**
   * The baselines' warm joins, each after the same idle gap as our cold ones (null for ours): the
   * cold join is compared with a warm join made the same way (a fresh load process, the same gaps),
   * so the only difference is what the server holds.
   */
  warmAfterIdle: Record<string, unknown> | null;
  idleUnloadMs: number | null;
  /** 1-minute load average at the start and end of the run; null in results written before they were recorded. */
  loadAvgAtStart: number | null;
  loadAvgAtEnd: number | null;
}

/**
 * How long our server may keep an idle board before unloading it; short so cold joins are quick to
 * provoke (each join of the after-idle series waits twice this plus 500 ms: the smoke run in CI
 * must stay under 2 minutes, and at 1,000 ms it took 1 min 46 s).
 */
const BENCH_IDLE_UNLOAD_MS = 500;

/** One server of the big-board scenario while it runs: its board, and the idle socket holding it. */
interface BigBoardServer {
  target: Target;
  server: RunningServer;
  url: string;
  idleUnloadMs: number | null;
  holder: Connection | null;
  build: Record<string, unknown>;
}

/**
 * The big-board scenario for every target at once. Each server gets its board built in turn, then
 * the joins of all servers are interleaved in one load process, in the order of `targets` (the
 * reference, Hocuspocus, ours, the reference, …): the client's own apply, most of a join and the
 * same Yjs code whoever serves the state, swung 0.8–1.5× between the per-server load processes of
 * one run when each server had its own series (2026-12-08 02:56–03:11 UTC), and decided the
 * verdicts. Interleaved, every server's state is applied by the same process in the same minutes.
 */
export async function bigBoardRuns(targets: readonly Target[], opts: BenchOptions): Promise<Map<Target, BigBoardFigures>> {
  const loadAvgAtStart = loadAvg1();
  const started: Array<{ server: RunningServer; dataDir: string }> = [];
  const running: BigBoardServer[] = [];
  const timeout = 300_000;
  try {
    for (const target of targets) {
      const idleUnloadMs = target === "baseline" || target === "hocuspocus" ? null : BENCH_IDLE_UNLOAD_MS;
      const dataDir = freshDir("quadrant-bench-data-");
      let server: RunningServer;
      try {
        server = await start(target, opts, idleUnloadMs === null ? {} : { idleUnloadMs }, dataDir);
      } catch (error) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      started.push({ server, dataDir });
      const [board] = await createBoards(server, 1, "bench-big");
      if (!board) throw new Error("could not create the big board");
      const url = server.wsUrl(board);
      // One idle socket keeps the board loaded through the warm joins, as a room with people in it:
      // ours would otherwise unload it whenever the load process took longer than IDLE_UNLOAD_MS
      // between two joins (starting, or warming its client up), and a "warm" join would be cold;
      // Hocuspocus without persistence drops a document when its last socket closes.
      const holder = await connect(url, new LightClient(), newTraffic(), 30_000);
      const entry: BigBoardServer = { target, server, url, idleUnloadMs, holder, build: {} };
      running.push(entry);
      entry.build = (
        await runLoad({ kind: "build", url, elements: opts.bigElements, updates: opts.bigUpdates }, server, opts.workDir, timeout)
      ).result;
    }
    const joinAll = async (gapMs: number) => {
      // One unrecorded join of each server first: their join paths compiled, the client warmed up on each state.
      const joins = [
        ...running.map((r) => ({ url: r.url, record: false })),
        ...Array.from({ length: opts.joins }, () => running.map((r) => ({ url: r.url, record: true }))).flat(),
      ];
      // A join task samples no server's counters (no phases): runLoad is handed the first server for its signature only.
      const first = running[0];
      if (!first) throw new Error("no server to join");
      const result = (
        await runLoad({ kind: "join", joins, expectElements: opts.bigElements, gapMs, timeoutS: 120 }, first.server, opts.workDir, timeout)
      ).result;
      const byUrl = (result["byUrl"] ?? {}) as Record<string, Record<string, unknown>>;
      return (r: BigBoardServer) => byUrl[r.url] ?? {};
    };
    const warm = await joinAll(0);
    // Every join of this series follows an idle gap: on ours longer than IDLE_UNLOAD_MS, so the board is
    // read back from storage each time (cold: nobody holds it any more); on the baselines, which keep it
    // in memory (Hocuspocus held), a warm join after the same idle.
    for (const r of running) if (r.target !== "hocuspocus") release(r);
    const gapMs = BENCH_IDLE_UNLOAD_MS * 2 + 500;
    await sleep(gapMs);
    const afterIdle = await joinAll(gapMs);
    const loadAvgAtEnd = loadAvg1();
    return new Map(
      running.map((r) => {
        const idle = afterIdle(r);
        const split = r.idleUnloadMs !== null ? { cold: idle, warmAfterIdle: null } : { cold: null, warmAfterIdle: idle };
        return [r.target, { target: r.target, build: r.build, warm: warm(r), ...split, idleUnloadMs: r.idleUnloadMs, loadAvgAtStart, loadAvgAtEnd }];
      }),
    );
  } finally {
    for (const r of running) release(r);
    for (const { server, dataDir } of started) {
      await stopServer(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function release(r: BigBoardServer): void {
  if (r.holder) finish(r.holder.ws, newTraffic());
  r.holder = null;
}

export function profileDir(workDir: string): string {
  return path.join(workDir, "cpu-prof");
}

/** Which server process a start-up run measures: ours compiled (production) or through tsx (dev), or the reference server. */
export type StartupTarget = "ours-dist" | "ours-tsx" | "baseline" | "hocuspocus";

export interface StartupFigures {
  target: StartupTarget;
  /** Median over the starts: spawn → first HTTP answer (ms). */
  readyMs: number;
  /** Median VmRSS after the server idled for IDLE_SETTLE_MS with nothing connected (MiB). */
  idleRssMiB: number;
  starts: number;
  /** 1-minute load average before the first start and after the last; null in results written before they were recorded. */
  loadAvgAtStart: number | null;
  loadAvgAtEnd: number | null;
}

const IDLE_SETTLE_MS = 1500;

/** Starts the server `starts` times: how fast it is ready and how much it holds idle (issue 17, target 3). */
export async function startupRun(target: StartupTarget, opts: BenchOptions, starts: number): Promise<StartupFigures> {
  const loadAvgAtStart = loadAvg1();
  const ready: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < starts; i++) {
    const dataDir = freshDir("quadrant-bench-data-");
    try {
      const server =
        target === "baseline"
          ? await startBaseline(opts.workDir)
          : target === "hocuspocus"
            ? await startHocuspocus(opts.workDir)
            : await startOurs(
              { runtime: target === "ours-dist" ? "dist" : "tsx", storage: "sqlite", dataDir, flushIntervalMs: null, idleUnloadMs: null, compactAfterUpdates: null, cpuProfDir: null },
              opts.workDir,
            );
      try {
        ready.push(server.readyMs);
        await sleep(IDLE_SETTLE_MS);
        rss.push(memoryOf(server.pid).rssMiB);
      } finally {
        await stopServer(server);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { target, readyMs: median(ready), idleRssMiB: median(rss), starts, loadAvgAtStart, loadAvgAtEnd: loadAvg1() };
}
