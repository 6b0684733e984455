import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The one reader of process.env (house rule 5). Everything else receives a typed
 * `Config`. A bad value throws a `ConfigError` naming the variable, so the
 * process stops at start-up with a message a person can act on.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/web/dist, resolved from this file so the cwd does not matter. */
const DEFAULT_PUBLIC_DIR = path.resolve(here, "../../web/dist");

const intFrom = (min: number, max: number) =>
  z.coerce.number().int(`must be an integer`).min(min).max(max);

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  PORT: intFrom(0, 65535).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  STORAGE: z.enum(["sqlite", "postgres", "memory"]).optional(),
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  PUBLIC_DIR: z.string().min(1).default(DEFAULT_PUBLIC_DIR),
  FLUSH_INTERVAL_MS: intFrom(0, 10_000).default(16),
  IDLE_UNLOAD_MS: intFrom(0, 24 * 3600_000).default(30_000),
  COMPACT_AFTER_UPDATES: intFrom(1, 10_000_000).default(500),
  MAX_FRAME_BYTES: intFrom(1024, 1024 * 1024 * 1024).default(8 * 1024 * 1024),
  MAX_SEND_QUEUE_BYTES: intFrom(1024, 4 * 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  // Abuse limits (docs/security.md). Defaults leave room for a 1,000-person room
  // and for a whole venue behind one NAT address.
  MAX_AWARENESS_BYTES: intFrom(256, 16 * 1024 * 1024).default(32 * 1024),
  MAX_AWARENESS_PER_SECOND: intFrom(1, 100_000).default(60),
  MAX_UPDATES_PER_SECOND: intFrom(1, 100_000).default(120),
  MAX_UPDATE_BYTES_PER_SECOND: intFrom(1024, 1024 * 1024 * 1024).default(2 * 1024 * 1024),
  MAX_CONNECTIONS_PER_BOARD: intFrom(1, 1_000_000).default(2_000),
  MAX_CONNECTIONS_PER_ADDRESS: intFrom(1, 1_000_000).default(500),
  UPGRADES_PER_MINUTE_PER_ADDRESS: intFrom(1, 1_000_000).default(600),
  REST_REQUESTS_PER_MINUTE: intFrom(1, 1_000_000).default(600),
  BODY_LIMIT_BYTES: intFrom(1024, 1024 * 1024 * 1024).default(1024 * 1024),
  // Travels in an HTTP header and is typed by people: no spaces, no control characters.
  BOARD_CREATE_KEY: z
    .string()
    .min(8, "must be at least 8 characters")
    .max(512)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter((origin) => origin.length > 0))
    .pipe(z.array(z.url("must be a comma-separated list of origins like https://board.example.com").or(z.literal("*"))))
    .optional(),
  TRUST_PROXY: z.enum(["true", "false"], "must be true or false").default("false"),
  // Board history (docs/history.md): a snapshot every interval while the board changes (0: none
  // on a timer), and how many snapshots a board keeps.
  HISTORY_INTERVAL_MS: intFrom(0, 24 * 3600_000).default(5 * 60_000),
  HISTORY_KEEP_AUTOMATIC: intFrom(1, 10_000).default(100),
  HISTORY_KEEP_CHECKPOINTS: intFrom(1, 10_000).default(50),
});

export type StorageKind = "sqlite" | "postgres" | "memory";
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  storage: StorageKind;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  logLevel: LogLevel;
  publicDir: string;
  flushIntervalMs: number;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  maxFrameBytes: number;
  maxSendQueueBytes: number;
  limits: Limits;
  /** Required in `X-Create-Key` to create or import boards; undefined = anyone may. */
  boardCreateKey: string | undefined;
  /** Origins allowed to open websockets; undefined = same origin as the Host header only. */
  allowedOrigins: readonly string[] | undefined;
  /** Take the client address from X-Forwarded-For (behind the reverse proxy). */
  trustProxy: boolean;
  history: HistorySettings;
  /** Interval of websocket ping/pong liveness checks. Not an env variable; tests shorten it. */
  pingIntervalMs: number;
}

/** Board history: snapshot timer and retention (docs/history.md). */
export interface HistorySettings {
  /** A snapshot every this many ms while the board keeps changing; 0 turns the timer off. */
  intervalMs: number;
  /** Snapshots kept per board: the newest `automatic` ones and the newest `checkpoints` (named by the facilitator). */
  retention: { automatic: number; checkpoints: number };
}

/** Per-connection, per-address and per-request limits against floods and hostile clients. */
export interface Limits {
  maxAwarenessBytes: number;
  maxAwarenessPerSecond: number;
  maxUpdatesPerSecond: number;
  maxUpdateBytesPerSecond: number;
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
  upgradesPerMinutePerAddress: number;
  restRequestsPerMinute: number;
  bodyLimitBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`invalid environment variable ${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): Config {
  // Empty strings mean "unset" (docker-compose passes `FOO=` for blank values).
  const cleaned: Env = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") cleaned[key] = value.trim();
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    throw new ConfigError(variable, issue?.message ?? "invalid value");
  }
  const e = parsed.data;
  const storage: StorageKind = e.STORAGE ?? (e.DATABASE_URL ? "postgres" : "sqlite");
  if (storage === "postgres" && !e.DATABASE_URL) {
    throw new ConfigError("DATABASE_URL", "required when STORAGE=postgres");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    storage,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    publicDir: path.resolve(e.PUBLIC_DIR),
    flushIntervalMs: e.FLUSH_INTERVAL_MS,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    maxFrameBytes: e.MAX_FRAME_BYTES,
    maxSendQueueBytes: e.MAX_SEND_QUEUE_BYTES,
    limits: {
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      maxAwarenessPerSecond: e.MAX_AWARENESS_PER_SECOND,
      maxUpdatesPerSecond: e.MAX_UPDATES_PER_SECOND,
      maxUpdateBytesPerSecond: e.MAX_UPDATE_BYTES_PER_SECOND,
      maxConnectionsPerBoard: e.MAX_CONNECTIONS_PER_BOARD,
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
      upgradesPerMinutePerAddress: e.UPGRADES_PER_MINUTE_PER_ADDRESS,
      restRequestsPerMinute: e.REST_REQUESTS_PER_MINUTE,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
    },
    boardCreateKey: e.BOARD_CREATE_KEY,
    allowedOrigins: e.ALLOWED_ORIGINS?.map((origin) => (origin === "*" ? origin : new URL(origin).origin)),
    trustProxy: e.TRUST_PROXY === "true",
    history: {
      intervalMs: e.HISTORY_INTERVAL_MS,
      retention: { automatic: e.HISTORY_KEEP_AUTOMATIC, checkpoints: e.HISTORY_KEEP_CHECKPOINTS },
    },
    pingIntervalMs: 30_000,
  };
}
