import { parseArgs } from "node:util";
import { z } from "zod";

export const SCENARIOS = ["startup", "room", "boards", "bigboard", "durability"] as const;
export type Scenario = (typeof SCENARIOS)[number];

const ClientCounts = z.array(z.number().int().positive()).min(1);
const intList = z
  .string()
  .transform((s) => s.split(",").map((x) => Number(x.trim())))
  .pipe(ClientCounts);
const SERVERS = ["ours", "baseline", "hocuspocus"] as const;
const ServerList = z.array(z.enum(SERVERS)).min(1);

const Flags = z.object({
  full: z.boolean(),
  scenario: z.enum([...SCENARIOS, "all"]),
  clients: intList,
  warmup: z.coerce.number().nonnegative(),
  duration: z.coerce.number().positive(),
  drain: z.coerce.number().nonnegative(),
  writers: z.coerce.number().int().nonnegative(),
  probes: z.coerce.number().int().positive(),
  "update-rate": z.coerce.number().positive(),
  "cursor-rate": z.coerce.number().nonnegative(),
  boards: z.coerce.number().int().positive(),
  "clients-per-board": z.coerce.number().int().min(2),
  /** Rounds of the many-boards scenario, every server once per round; target 3's verdicts take the median round. */
  "boards-rounds": z.coerce.number().int().positive(),
  "big-elements": z.coerce.number().int().positive(),
  "big-updates": z.coerce.number().int().positive(),
  joins: z.coerce.number().int().positive(),
  "flush-ms": z.coerce.number().int().nonnegative().optional(),
  "compact-after": z.coerce.number().int().positive().optional(),
  profile: z.boolean(),
  /** Which servers to run (A/B runs of our server alone: `--servers ours`). */
  servers: z
    .string()
    .transform((v) => v.split(",").map((x) => x.trim()))
    .pipe(ServerList),
  /** Our server's entry file instead of building apps/server to dist/ (A/B of two builds). */
  "ours-entry": z.string().optional(),
  out: z.string().optional(),
  chart: z.string().optional(),
  /** Run nothing: rewrite docs/benchmarks.md's generated block (and the chart) from a saved results file. */
  "docs-from": z.string().optional(),
});
export type Flags = z.infer<typeof Flags>;

/** The flags as a results file stores them (lists already split): what `--docs-from` reads back. */
export const StoredFlags = Flags.extend({ clients: ClientCounts, servers: ServerList, "boards-rounds": z.number().int().positive().default(1) });

/**
 * The quick smoke run (`pnpm bench`) and the documented full run (`pnpm bench --full`).
 * The quick one must stay under 2 minutes on the 2-core machine (docs/benchmarks.md, "Commands").
 */
// Timed 2026-12-07 with 100 boards, 4 s measured, 3 s drain and a 1,000-element board: 252 s at load average
// 8–20 (boards alone 115 s: 500 connections × 3 servers). Halved where the time went; every scenario still runs.
const QUICK = {
  scenario: "all",
  clients: "100",
  warmup: "1",
  duration: "3",
  drain: "2",
  boards: "50",
  "boards-rounds": "1",
  "big-elements": "500",
  "big-updates": "2000",
  joins: "3",
} as const;
const FULL = {
  scenario: "all",
  clients: "50,200,500,1000,2000",
  warmup: "2",
  duration: "15",
  drain: "5",
  boards: "1000",
  // One boards run put ours' CPU at 1.14–1.52× the reference's on the same code (2026-12-08): three rounds, ~3 min more.
  "boards-rounds": "3",
  "big-elements": "5000",
  "big-updates": "20000",
  joins: "15",
} as const;

type Preset = typeof QUICK | typeof FULL;
const presetLine = (p: Preset, starts: number): string =>
  `startup (${starts} start${starts > 1 ? "s" : ""} of each server), room${p.clients.includes(",") ? "s" : ""} N = ${p.clients.split(",").join(", ")} ` +
  `(${p.warmup} s warm-up, ${p.duration} s measured, ${p.drain} s drain; ours on SQLite and in memory, reference, Hocuspocus), ` +
  `${p.boards} boards × 5 (${p["boards-rounds"]} round${p["boards-rounds"] === "1" ? "" : "s"}), a ${p["big-elements"]}-element board from ${p["big-updates"]} updates with ${p.joins} warm joins, then ${p.joins} after an idle gap each (cold on ours)`;

export const USAGE = `usage: pnpm bench [--full] [--scenario startup|room|boards|bigboard|durability|all]
  [--clients 50,200,500,1000,2000] [--duration 15] [--warmup 2] [--drain 5] [--writers 10] [--probes 5]
  [--update-rate 10] [--cursor-rate 2] [--boards 1000] [--clients-per-board 5] [--boards-rounds 3]
  [--big-elements 5000] [--big-updates 20000] [--joins 15] [--flush-ms N] [--compact-after N] [--profile]
  [--servers ours,baseline,hocuspocus] [--ours-entry apps/server/.tmp/dist-a/server.js]
  [--out results.json] [--chart chart.svg] [--docs-from apps/bench/results/latest.json]

pnpm bench (quick smoke run, meant to stay under 2 minutes on 2 idle cores; writes results/quick.*, never the docs):
  ${presetLine(QUICK, 1)}
pnpm bench --full (the documented run, about 14 minutes on 2 idle cores):
  ${presetLine(FULL, 3)}
  writes results/latest.json and .md, docs/benchmarks/room-p99.svg and the generated block of docs/benchmarks.md
  (between its bench:start / bench:end markers). With --scenario, --servers or --clients it is a partial run:
  results/quick.* only, the docs stay as they are.
Explicit flags override the preset. --docs-from FILE runs nothing and rewrites the docs block and chart from FILE.`;

export function parseFlags(argv: readonly string[]): Flags {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      full: { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
      scenario: { type: "string" },
      clients: { type: "string" },
      warmup: { type: "string" },
      duration: { type: "string" },
      drain: { type: "string" },
      writers: { type: "string" },
      probes: { type: "string" },
      "update-rate": { type: "string" },
      "cursor-rate": { type: "string" },
      boards: { type: "string" },
      "clients-per-board": { type: "string" },
      "boards-rounds": { type: "string" },
      "big-elements": { type: "string" },
      "big-updates": { type: "string" },
      joins: { type: "string" },
      "flush-ms": { type: "string" },
      "compact-after": { type: "string" },
      servers: { type: "string" },
      "ours-entry": { type: "string" },
      out: { type: "string" },
      chart: { type: "string" },
      "docs-from": { type: "string" },
    },
    strict: true,
  });
  if (values.help) throw new UsageError(USAGE, true);
  const preset = values.full ? FULL : QUICK;
  const merged = {
    writers: "10",
    probes: "5",
    "update-rate": "10",
    "cursor-rate": "2",
    "clients-per-board": "5",
    servers: "ours,baseline,hocuspocus",
    ...preset,
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
  };
  const parsed = Flags.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}\n${USAGE}`);
  }
  return parsed.data;
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** --help: print the usage and succeed. */
    readonly requested = false,
  ) {
    super(message);
  }
}

/**
 * Only a full run of every scenario, every server and the preset's room sizes may stand for the documented
 * figures: anything narrower would replace docs/benchmarks.md's tables with a partial run.
 */
export function isDocumentedRun(flags: Flags): boolean {
  return (
    flags.full &&
    flags.scenario === "all" &&
    SERVERS.every((s) => flags.servers.includes(s)) &&
    flags.clients.join(",") === FULL.clients
  );
}

export function scenariosOf(flags: Flags): Scenario[] {
  return flags.scenario === "all" ? [...SCENARIOS] : [flags.scenario];
}
