import { Redis } from "ioredis";
import pg from "pg";

/**
 * Where the tests find real Postgres and Redis, and what happens when they are
 * missing. Test-only code, so it reads its own environment variables instead
 * of going through config.ts: CI (set by every CI runner), TEST_DATABASE_URL,
 * TEST_REDIS_URL.
 *
 * In CI a missing service fails the run (these tests must never silently
 * skip there); elsewhere the caller skips with a loud warning.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const IN_CI = Boolean(process.env.CI);

/** Runs one statement on the test database as the admin (creating and dropping a test's schema). */
export async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(url = TEST_DATABASE_URL): Promise<boolean> {
  return decide("Postgres", url, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  return decide("Redis", url, async () => {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 3000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  });
}

async function decide(name: string, url: string, probe: () => Promise<void>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (IN_CI) {
      throw new Error(`${name} at ${redact(url)} is required in CI and unreachable: ${reason}`);
    }
    console.warn(
      `\n!!! ${name} at ${redact(url)} is unreachable (${reason}).\n` +
        `!!! SKIPPING the ${name} tests. They run (and must pass) in CI.\n`,
    );
    return false;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//…@");
}

/** TEST_DATABASE_URL with every connection's search_path set to `schema`: one test file's own tables. */
export function databaseUrlInSchema(schema: string): string {
  return `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
