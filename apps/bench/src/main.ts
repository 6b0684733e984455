import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDocumentedRun, parseFlags, scenariosOf, UsageError, type Flags } from "./args";
import { MissingMarkersError, renderDocsBlock, replaceDocsBlock } from "./docs-block";
import { representativeRound } from "./boards-rounds";
import { summarizeProfileFile } from "./profile-summary";
import { checkTargets, renderReport } from "./report";
import type { Machine, Results, RoomRow, TargetCheck } from "./results";
import { readResultsFile } from "./results-file";
import { roomChart } from "./room-chart";
import { webTargets } from "./web-targets";
import { bigBoardRuns, boardsRun, profileDir, roomRun, startupRun, type BenchOptions, type StartupFigures } from "./scenarios";
import { freshDir, REPO_ROOT, useOursEntry } from "./servers";
import { num } from "./table";

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.resolve(here, "../results");
const DOC = path.join(REPO_ROOT, "docs/benchmarks.md");
const WEB_DOC = path.join(REPO_ROOT, "docs/web-performance.md");
const CHART = path.join(REPO_ROOT, "docs/benchmarks/room-p99.svg");

/** Target 6's verdicts as the web bench last wrote them; null (shown as not measured) without that page. */
function webChecks(): TargetCheck[] | null {
  return existsSync(WEB_DOC) ? webTargets(readFileSync(WEB_DOC, "utf8"), path.relative(REPO_ROOT, WEB_DOC)) : null;
}

/** The checkout that ran, so a documented figure can be traced to its code. */
function commit(): string | null {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { cwd: REPO_ROOT, encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

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

function writeChart(room: readonly RoomRow[], file: string): void {
  if (room.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, roomChart(room));
  log(`chart: ${path.relative(process.cwd(), file)}`);
}

/** Rewrites the chart and docs/benchmarks.md's generated block; `source` names the results file for the error. */
function writeDocs(results: Results, source: string): void {
  const block = renderDocsBlock(results, results.room.length > 0 ? path.relative(path.dirname(DOC), CHART) : null);
  let doc: string;
  try {
    doc = replaceDocsBlock(readFileSync(DOC, "utf8"), block, path.relative(REPO_ROOT, DOC));
  } catch (err) {
    if (!(err instanceof MissingMarkersError)) throw err;
    throw new MissingMarkersError(`${err.message}\nThe results are kept: then run \`pnpm bench --docs-from ${path.relative(REPO_ROOT, source)}\`.`);
  }
  writeChart(results.room, CHART);
  writeFileSync(DOC, doc);
  log(`docs: ${path.relative(process.cwd(), DOC)} (generated block, from ${path.relative(process.cwd(), source)})`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== "--");
  const flags = parseFlags(argv);
  if (flags["docs-from"]) {
    // Relative to the repository root, as --ours-entry: pnpm runs this script from apps/bench.
    const source = path.resolve(REPO_ROOT, flags["docs-from"]);
    writeDocs(readResultsFile(source, webChecks()), source);
    return;
  }
  const documented = isDocumentedRun(flags);
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
      // A server whose probes timed no update has no p99: say why rather than print "undefined ms".
      const p99 = (r: RoomRow["ours"]) => {
        if (r === null) return "not run";
        const v = num(r.load, "update.p99");
        return v === null ? `no update timed (${num(r.load, "updatesMissingAtProbes") ?? "?"} missing)` : `${v.toFixed(1)} ms`;
      };
      log(`room N=${n}: update p99 ours ${p99(row.ours)}, baseline ${p99(row.baseline)}, hocuspocus ${p99(row.hocuspocus)}`);
      room.push(row);
    }
  }

  let boards: Results["boards"] = null;
  const boardsRounds: Results["boardsRounds"] = [];
  if (scenarios.includes("boards")) {
    const rounds = flags["boards-rounds"];
    for (let r = 1; r <= rounds; r++) {
      const of = rounds > 1 ? ` (round ${r} of ${rounds})` : "";
      log(`boards ${flags.boards} × ${flags["clients-per-board"]}${of}: baseline`);
      const baseline = want("baseline") ? await boardsRun("baseline", opts) : null;
      log(`boards${of}: hocuspocus`);
      const hocuspocus = want("hocuspocus") ? await boardsRun("hocuspocus", opts) : null;
      log(`boards${of}: ours`);
      const ours = await boardsRun("ours", opts);
      // The same server without its durable write: how much of the gap to the baselines (which write nothing) is the disk.
      log(`boards${of}: ours (memory)`);
      const oursMemory = await boardsRun("ours-memory", opts);
      boardsRounds.push({ ours, baseline, hocuspocus, oursMemory });
    }
    boards = representativeRound(boardsRounds);
  }

  let bigboard: Results["bigboard"] = null;
  if (scenarios.includes("bigboard")) {
    const targets = (["baseline", "hocuspocus"] as const).filter((t) => want(t));
    log(`big board ${flags["big-elements"]} elements / ${flags["big-updates"]} updates: ${[...targets, "ours"].join(", ")}, joins interleaved`);
    const runs = await bigBoardRuns([...targets, "ours"], opts);
    const ours = runs.get("ours");
    if (!ours) throw new Error("the big-board run has no figures of our server");
    bigboard = { ours, baseline: runs.get("baseline") ?? null, hocuspocus: runs.get("hocuspocus") ?? null };
  }

  let profile: Results["profile"] = null;
  if (flags.profile) {
    // The room at its largest N, or the many-boards run when that is the only load scenario asked for.
    const n = Math.max(...flags.clients);
    const boardsOnly = scenarios.includes("boards") && !scenarios.includes("room");
    const profiled = boardsOnly ? `boards ${opts.boards} × ${opts.clientsPerBoard}` : `room N=${n}`;
    log(`profiling our server: ${profiled} with --cpu-prof`);
    if (boardsOnly) await boardsRun("ours", opts, true);
    else await roomRun("ours", n, opts, true);
    const file = largestProfile(opts.cpuProfDir ?? "");
    if (file) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const kept = path.join(RESULTS_DIR, `ours-${boardsOnly ? "boards" : "room"}.cpuprofile`);
      copyFileSync(file, kept);
      profile = { ...summarizeProfileFile(file, 25), file: path.relative(REPO_ROOT, kept), scenario: profiled };
    } else {
      log("no .cpuprofile written (did the server exit cleanly on SIGTERM?)");
    }
  }

  const finishedAt = new Date().toISOString();
  const partial = { startedAt, finishedAt, commit: commit(), machine: machine(), argv, flags, startup, room, boards, boardsRounds, bigboard, profile };
  const results: Results = { ...partial, targets: checkTargets(partial, webChecks()) };
  process.stdout.write(`\n${renderReport(results, false)}`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  // Only the documented run replaces latest.* and the docs: a partial --full run would publish half a picture.
  const out = flags.out ?? path.join(RESULTS_DIR, documented ? "latest.json" : "quick.json");
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(out.replace(/\.json$/, ".md"), renderReport(results, true));
  log(`results: ${path.relative(process.cwd(), out)} (+ .md)`);

  if (documented) writeDocs(results, out);
  if (flags.chart) writeChart(room, flags.chart);
  if (flags.full && !documented) log("a partial --full run (--scenario, --servers or --clients): docs/benchmarks.md left as it is");
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof MissingMarkersError) {
      process.stderr.write(`bench: ${err.message}\n`);
      process.exit(1);
    }
    if (err instanceof UsageError) {
      (err.requested ? process.stdout : process.stderr).write(`${err.message}\n`);
      process.exit(err.requested ? 0 : 2);
    }
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
