import { readFileSync } from "node:fs";
import { z } from "zod";
import { StoredFlags } from "./args";
import { checkTargets } from "./report";
import type { Results, TargetCheck } from "./results";

/**
 * A saved results file (`results/latest.json`) read back for `--docs-from`. Figures recorded only by
 * later versions of the bench (load average at the end of a run, the commit) default to null, so the
 * documented run of an earlier version can still be rendered.
 */
const Figures = z.record(z.string(), z.unknown());
// JSON turns NaN (no load average on this platform) into null.
const LoadAvg = z.number().nullable().default(null);

const Run = z.object({
  target: z.enum(["ours", "ours-memory", "baseline", "hocuspocus"]),
  serverCpuS: z.number().nullable(),
  serverPeakRssMiB: z.number(),
  loadAvgAtStart: z.number().nullable().transform((v) => v ?? Number.NaN),
  loadAvgAtEnd: LoadAvg,
  load: Figures,
  loadRun: z.object({
    serverCpuMeasureS: z.number().nullable(),
    rssBeforeMiB: z.number(),
    rssSyncedMiB: z.number().nullable(),
    wallS: z.number(),
  }),
});
const BoardsRun = Run.extend({ rssPerConnectionKiB: z.number().nullable() });
const BoardsRound = z.object({ ours: BoardsRun, baseline: BoardsRun.nullable(), hocuspocus: BoardsRun.nullable(), oursMemory: BoardsRun.nullable().default(null) });
const BigBoardRun = z.object({
  target: z.enum(["ours", "ours-memory", "baseline", "hocuspocus"]),
  build: Figures,
  warm: Figures,
  cold: Figures.nullable(),
  warmAfterIdle: Figures.nullable().default(null),
  idleUnloadMs: z.number().nullable(),
  loadAvgAtStart: LoadAvg,
  loadAvgAtEnd: LoadAvg,
});
const Entry = z.object({ name: z.string(), selfMs: z.number(), share: z.number() });

const ResultsFile = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  commit: z.string().nullable().default(null),
  machine: z.object({ cpus: z.number(), cpuModel: z.string(), memGiB: z.number(), node: z.string(), os: z.string() }),
  argv: z.array(z.string()),
  flags: StoredFlags,
  startup: z
    .array(
      z.object({
        target: z.enum(["ours-dist", "ours-tsx", "baseline", "hocuspocus"]),
        readyMs: z.number(),
        idleRssMiB: z.number(),
        starts: z.number(),
        loadAvgAtStart: LoadAvg,
        loadAvgAtEnd: LoadAvg,
      }),
    )
    .nullable(),
  room: z.array(
    z.object({
      n: z.number(),
      ours: Run.nullable(),
      baseline: Run.nullable(),
      hocuspocus: Run.nullable(),
      oursMemory: Run.nullable(),
    }),
  ),
  boards: BoardsRound.nullable(),
  boardsRounds: z.array(BoardsRound).default([]),
  bigboard: z.object({ ours: BigBoardRun, baseline: BigBoardRun.nullable(), hocuspocus: BigBoardRun.nullable() }).nullable(),
  profile: z
    .object({
      totalMs: z.number(),
      byFunction: z.array(Entry),
      byModule: z.array(Entry),
      file: z.string(),
      scenario: z.string(),
    })
    .nullable(),
});

/**
 * Checks a parsed results file; the targets are checked again by this version's `checkTargets`, with
 * target 6 from the web bench's current figures (`web`, see web-targets.ts).
 */
export function parseResults(json: unknown, web: readonly TargetCheck[] | null): Results {
  const partial = ResultsFile.parse(json);
  return { ...partial, targets: checkTargets(partial, web) };
}

export function readResultsFile(file: string, web: readonly TargetCheck[] | null): Results {
  return parseResults(JSON.parse(readFileSync(file, "utf8")), web);
}
