import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, testConfig } from "./config";

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

  it("testConfig is memory-backed on port 0 and takes overrides", () => {
    expect(testConfig({ flushIntervalMs: 5 })).toMatchObject({ port: 0, storage: "memory", flushIntervalMs: 5 });
  });
});
