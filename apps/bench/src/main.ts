import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags, scenariosOf, UsageError, type Flags } from "./args";
import { renderChart } from "./chart";
import { summarizeProfileFile } from "./profile-summary";
import { checkTargets, renderReport } from "./report";
import type { Machine, Results, RoomRow } from "./results";
import { bigBoardRun, boardsRun, profileDir, roomRun, startupRun, type BenchOptions, type StartupFigures } from "./scenarios";
import { freshDir, REPO_ROOT, useOursEntry } from "./servers";
import { num } from "./table";

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(here, "../results");

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function optionsOf(flags: Flags, workDir: string): BenchOptions {
  return {
    warmupS: flags.warmup,
    durationS: flags.duration,
    drainS: flags.drain,
    writers: flags.writers,
    probes: flags.probes,
    updatesPerSecond: flags["update-rate"],
    cursorsPerSecond: flags["cursor-rate"],
    boards: flags.boards,
    clientsPerBoard: flags["clients-per-board"],
    bigElements: flags["big-elements"],
    bigUpdates: flags["big-updates"],
    joins: flags.joins,
    flushIntervalMs: flags["flush-ms"] ?? null,
    compactAfterUpdates: flags["compact-after"] ?? null,
    cpuProfDir: profileDir(workDir),
    workDir,
  };
}

const log = (s: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
};

/** The main thread's profile: --cpu-prof also writes one per worker (tsx's loader thread), all far smaller. */
function largestProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
    files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size);
    return files[0] ? path.join(dir, files[0]) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== "--");
  const flags = parseFlags(argv);
  const scenarios = scenariosOf(flags);
  const workDir = freshDir("quadrant-bench-");
  const opts = optionsOf(flags, workDir);
  const startedAt = new Date().toISOString();
  if (flags["ours-entry"]) useOursEntry(flags["ours-entry"]);
  const want = (server: "ours" | "baseline" | "hocuspocus"): boolean => flags.servers.includes(server);
  log(`work dir ${workDir}; scenarios ${scenarios.join(", ")}`);

  let startup: StartupFigures[] | null = null;
  if (scenarios.includes("startup")) {
    startup = [];
    for (const target of ["ours-dist", "ours-tsx", "baseline", "hocuspocus"] as const) {
      if (!want(target.startsWith("ours") ? "ours" : (target as "baseline" | "hocuspocus"))) continue;
      log(`startup: ${target}`);
      // The smoke run starts each once (it must stay short); the documented run takes the median of 3.
      startup.push(await startupRun(target, opts, flags.full ? 3 : 1));
    }
  }

  const room: RoomRow[] = [];
  const wantRoom = scenarios.includes("room");
  const wantDurability = scenarios.includes("durability");
  if (wantRoom || wantDurability) {
    for (const n of flags.clients) {
      const row: RoomRow = { n, ours: null, baseline: null, hocuspocus: null, oursMemory: null };
      if (wantRoom && want("baseline")) {
        log(`room N=${n}: baseline`);
        row.baseline = await roomRun("baseline", n, opts);
      }
      if (wantRoom && want("hocuspocus")) {
        log(`room N=${n}: hocuspocus`);
        row.hocuspocus = await roomRun("hocuspocus", n, opts);
      }
      log(`room N=${n}: ours (sqlite)`);
      row.ours = await roomRun("ours", n, opts);
      if (wantDurability) {
        log(`room N=${n}: ours (memory)`);
        row.oursMemory = await roomRun("ours-memory", n, opts);
      }
      const p99 = (r: RoomRow["ours"]) => (r ? num(r.load, "update.p99")?.toFixed(1) : "–");
      log(`room N=${n}: update p99 ours ${p99(row.ours)} ms, baseline ${p99(row.baseline)} ms, hocuspocus ${p99(row.hocuspocus)} ms`);
      room.push(row);
    }
  }

  let boards: Results["boards"] = null;
  if (scenarios.includes("boards")) {
    log(`boards ${flags.boards} × ${flags["clients-per-board"]}: baseline`);
    const baseline = want("baseline") ? await boardsRun("baseline", opts) : null;
    log(`boards: hocuspocus`);
    const hocuspocus = want("hocuspocus") ? await boardsRun("hocuspocus", opts) : null;
    log(`boards: ours`);
    boards = { ours: await boardsRun("ours", opts), baseline, hocuspocus };
  }

  let bigboard: Results["bigboard"] = null;
  if (scenarios.includes("bigboard")) {
    log(`big board ${flags["big-elements"]} elements / ${flags["big-updates"]} updates: baseline`);
    const baseline = want("baseline") ? await bigBoardRun("baseline", opts) : null;
    log(`big board: hocuspocus`);
    const hocuspocus = want("hocuspocus") ? await bigBoardRun("hocuspocus", opts) : null;
    log(`big board: ours`);
    bigboard = { ours: await bigBoardRun("ours", opts), baseline, hocuspocus };
  }

  let profile: Results["profile"] = null;
  if (flags.profile) {
    const n = Math.max(...flags.clients);
    log(`profiling our server: room N=${n} with --cpu-prof`);
    await roomRun("ours", n, opts, true);
    const file = largestProfile(opts.cpuProfDir ?? "");
    if (file) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const kept = path.join(RESULTS_DIR, "ours-room.cpuprofile");
      copyFileSync(file, kept);
      profile = { ...summarizeProfileFile(file, 25), file: path.relative(REPO_ROOT, kept), scenario: `room N=${n}` };
    } else {
      log("no .cpuprofile written (did the server exit cleanly on SIGTERM?)");
    }
  }

  const partial = { startedAt, finishedAt: new Date().toISOString(), machine: machine(), argv, flags, startup, room, boards, bigboard, profile };
  const results: Results = { ...partial, targets: checkTargets(partial) };
  process.stdout.write(`\n${renderReport(results, false)}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = flags.out ?? path.join(RESULTS_DIR, flags.full ? "latest.json" : "quick.json");
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(out.replace(/\.json$/, ".md"), renderReport(results, true));
  log(`results: ${path.relative(process.cwd(), out)} (+ .md)`);

  const chart = flags.chart ?? (flags.full ? path.join(REPO_ROOT, "docs/benchmarks/room-p99.svg") : null);
  if (chart && room.length > 0) {
    const svg = renderChart(
      "Room: p99 latency at the probes vs clients (log scale)",
      room.map((r) => ({
        n: r.n,
        series: {
          oursUpdate: (r.ours && num(r.ours.load, "update.p99")) ?? Number.NaN,
          baseUpdate: (r.baseline && num(r.baseline.load, "update.p99")) ?? Number.NaN,
          oursCursor: (r.ours && num(r.ours.load, "cursor.p99")) ?? Number.NaN,
          baseCursor: (r.baseline && num(r.baseline.load, "cursor.p99")) ?? Number.NaN,
          hpUpdate: (r.hocuspocus && num(r.hocuspocus.load, "update.p99")) ?? Number.NaN,
        },
      })),
      [
        { key: "oursUpdate", label: "ours, update p99", color: "#2e7d32", dashed: false },
        { key: "oursCursor", label: "ours, cursor p99", color: "#2e7d32", dashed: true },
        { key: "baseUpdate", label: "baseline, update p99", color: "#c62828", dashed: false },
        { key: "baseCursor", label: "baseline, cursor p99", color: "#c62828", dashed: true },
        { key: "hpUpdate", label: "hocuspocus, update p99", color: "#6a1b9a", dashed: false },
      ],
    );
    mkdirSync(path.dirname(chart), { recursive: true });
    writeFileSync(chart, svg);
    log(`chart: ${path.relative(process.cwd(), chart)}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError) {
      (err.requested ? process.stdout : process.stderr).write(`${err.message}\n`);
      process.exit(err.requested ? 0 : 2);
    }
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
