import { loadConfig, type Config } from "../src/config";

/** A config for tests: in-memory storage, port 0, quiet logs, plus the given overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", STORAGE: "memory", LOG_LEVEL: "silent" });
  return {
    ...config,
    // Every test client comes from 127.0.0.1: per-address limits are lifted unless a test sets them.
    limits: { ...config.limits, maxConnectionsPerAddress: 1_000_000, upgradesPerMinutePerAddress: 1_000_000, restRequestsPerMinute: 1_000_000 },
    ...overrides,
  };
}
