import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";
import { testConfig } from "../test-support/test-config";

describe("config", () => {
  it("has the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      dataDir: path.resolve("./data"),
      storage: "sqlite",
      flushIntervalMs: 16,
      idleUnloadMs: 30_000,
      compactAfterUpdates: 500,
      maxFrameBytes: 8 * 1024 * 1024,
      maxSendQueueBytes: 16 * 1024 * 1024,
      logLevel: "info",
    });
    expect(config.publicDir.endsWith(path.join("apps", "web", "dist"))).toBe(true);
  });

  it("keeps history every 5 minutes, 100 automatic snapshots and 50 checkpoints unless told otherwise", () => {
    expect(loadConfig({}).history).toEqual({ intervalMs: 300_000, retention: { automatic: 100, checkpoints: 50 } });
    expect(loadConfig({ HISTORY_INTERVAL_MS: "0", HISTORY_KEEP_AUTOMATIC: "10", HISTORY_KEEP_CHECKPOINTS: "3" }).history).toEqual({
      intervalMs: 0,
      retention: { automatic: 10, checkpoints: 3 },
    });
  });

  it("picks postgres when DATABASE_URL is set, unless STORAGE says otherwise", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://root@127.0.0.1/test" }).storage).toBe("postgres");
    expect(loadConfig({ DATABASE_URL: "postgres://root@127.0.0.1/test", STORAGE: "sqlite" }).storage).toBe("sqlite");
    expect(() => loadConfig({ STORAGE: "postgres" })).toThrow(/DATABASE_URL/);
  });

  it("parses numbers and treats blank values as unset", () => {
    expect(loadConfig({ PORT: "9000", FLUSH_INTERVAL_MS: "33", HOST: " " })).toMatchObject({ port: 9000, flushIntervalMs: 33, host: "0.0.0.0" });
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["STORAGE", "mongodb"],
    ["LOG_LEVEL", "loud"],
    ["REDIS_URL", "not a url"],
    ["MAX_FRAME_BYTES", "-1"],
    ["IDLE_UNLOAD_MS", "1.5"],
    ["MAX_AWARENESS_PER_SECOND", "0"],
    ["BOARD_CREATE_KEY", "short"],
    ["ALLOWED_ORIGINS", "https://ok.example, not an origin"],
    ["TRUST_PROXY", "yes"],
    ["HISTORY_INTERVAL_MS", "-5"],
    ["HISTORY_KEEP_AUTOMATIC", "0"],
  ])("a bad %s (%s) throws an error naming the variable", (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError && error.variable).toBe(variable);
    expect(String(error)).toContain(variable);
  });

  it("reads the abuse limits, the create key, the allowed origins and the proxy setting", () => {
    const config = loadConfig({
      MAX_UPDATES_PER_SECOND: "50",
      MAX_CONNECTIONS_PER_ADDRESS: "20",
      BOARD_CREATE_KEY: "a-long-enough-key",
      ALLOWED_ORIGINS: "https://board.example.com/, http://localhost:5173",
      TRUST_PROXY: "true",
    });
    expect(config.limits).toMatchObject({ maxUpdatesPerSecond: 50, maxConnectionsPerAddress: 20, bodyLimitBytes: 1024 * 1024 });
    expect(config.boardCreateKey).toBe("a-long-enough-key");
    expect(config.allowedOrigins).toEqual(["https://board.example.com", "http://localhost:5173"]);
    expect(config.trustProxy).toBe(true);
    expect(loadConfig({})).toMatchObject({ boardCreateKey: undefined, allowedOrigins: undefined, trustProxy: false });
  });

  it("testConfig is memory-backed on port 0 and takes overrides", () => {
    expect(testConfig({ flushIntervalMs: 5 })).toMatchObject({ port: 0, storage: "memory", flushIntervalMs: 5 });
  });
});
