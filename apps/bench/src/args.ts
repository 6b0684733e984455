import { parseArgs } from "node:util";
import { z } from "zod";

export const SCENARIOS = ["startup", "room", "boards", "bigboard", "durability"] as const;
export type Scenario = (typeof SCENARIOS)[number];

const intList = z
  .string()
  .transform((s) => s.split(",").map((x) => Number(x.trim())))
  .pipe(z.array(z.number().int().positive()).min(1));

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
    .pipe(z.array(z.enum(["ours", "baseline", "hocuspocus"])).min(1)),
  /** Our server's entry file instead of building apps/server to dist/ (A/B of two builds). */
  "ours-entry": z.string().optional(),
  out: z.string().optional(),
  chart: z.string().optional(),
});
export type Flags = z.infer<typeof Flags>;

/** The quick smoke run (`pnpm bench`) and the documented full run (`pnpm bench --full`). */
const QUICK = {
  scenario: "all",
  clients: "100",
  warmup: "1",
  duration: "4",
  drain: "3",
  boards: "100",
  "big-elements": "1000",
  "big-updates": "4000",
  joins: "3",
} as const;
const FULL = {
  scenario: "all",
  clients: "50,200,500,1000,2000",
  warmup: "2",
  duration: "15",
  drain: "5",
  boards: "1000",
  "big-elements": "5000",
  "big-updates": "20000",
  joins: "7",
} as const;

export const USAGE = `usage: pnpm bench [--full] [--scenario startup|room|boards|bigboard|durability|all]
  [--clients 200,500,1000] [--duration 15] [--warmup 2] [--drain 5] [--writers 10] [--probes 5]
  [--update-rate 10] [--cursor-rate 2] [--boards 1000] [--clients-per-board 5]
  [--big-elements 5000] [--big-updates 20000] [--joins 7] [--flush-ms N] [--compact-after N] [--profile]
  [--servers ours,baseline,hocuspocus] [--ours-entry apps/server/.tmp/dist-a/server.js]
  [--out results.json] [--chart chart.svg]
Without --full: a short smoke run of every scenario at small sizes.`;

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
      "big-elements": { type: "string" },
      "big-updates": { type: "string" },
      joins: { type: "string" },
      "flush-ms": { type: "string" },
      "compact-after": { type: "string" },
      servers: { type: "string" },
      "ours-entry": { type: "string" },
      out: { type: "string" },
      chart: { type: "string" },
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

export function scenariosOf(flags: Flags): Scenario[] {
  return flags.scenario === "all" ? [...SCENARIOS] : [flags.scenario];
}
