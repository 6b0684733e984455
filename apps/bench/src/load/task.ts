import { z } from "zod";

/**
 * What the orchestrator asks one load process to do. Passed as JSON in argv,
 * checked here because it crosses a process boundary.
 */
export const RoomTask = z.object({
  kind: z.literal("room"),
  url: z.string(),
  clients: z.number().int().positive(),
  writers: z.number().int().nonnegative(),
  probes: z.number().int().positive(),
  updatesPerSecond: z.number().positive(),
  cursorsPerSecond: z.number().nonnegative(),
  /** Load runs this long before measuring, so both servers are past JIT warm-up. */
  warmupS: z.number().nonnegative(),
  durationS: z.number().positive(),
  drainS: z.number().nonnegative(),
  connectConcurrency: z.number().int().positive(),
  connectTimeoutS: z.number().positive(),
});
export type RoomTask = z.infer<typeof RoomTask>;

export const BoardsTask = z.object({
  kind: z.literal("boards"),
  urls: z.array(z.string()).min(1),
  clientsPerBoard: z.number().int().min(2),
  updatesPerSecond: z.number().positive(),
  /** Load runs this long before measuring, so both servers are past JIT warm-up. */
  warmupS: z.number().nonnegative(),
  durationS: z.number().positive(),
  drainS: z.number().nonnegative(),
  connectConcurrency: z.number().int().positive(),
  connectTimeoutS: z.number().positive(),
});
export type BoardsTask = z.infer<typeof BoardsTask>;

export const BuildTask = z.object({
  kind: z.literal("build"),
  url: z.string(),
  elements: z.number().int().positive(),
  updates: z.number().int().positive(),
});
export type BuildTask = z.infer<typeof BuildTask>;

export const JoinTask = z.object({
  kind: z.literal("join"),
  /** Joined one after another; `record: false` joins only warm the server's code paths up. */
  joins: z.array(z.object({ url: z.string(), record: z.boolean() })),
  expectElements: z.number().int().nonnegative(),
  gapMs: z.number().int().nonnegative(),
  timeoutS: z.number().positive(),
});
export type JoinTask = z.infer<typeof JoinTask>;

export const LoadTask = z.discriminatedUnion("kind", [RoomTask, BoardsTask, BuildTask, JoinTask]);
export type LoadTask = z.infer<typeof LoadTask>;

/** Lines the load process prints on stdout, one JSON object each. */
export const LoadEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phase"), phase: z.enum(["synced", "measure-start", "measure-end"]) }),
  z.object({ type: z.literal("result"), result: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type LoadEvent = z.infer<typeof LoadEvent>;
