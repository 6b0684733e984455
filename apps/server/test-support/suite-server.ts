import { afterAll, beforeAll } from "vitest";
import type { AppDeps } from "../src/app";
import type { Config } from "../src/config";
import type { StockClient } from "./stock-client";
import { startTestServer, type TestServer } from "./test-server";

export interface SuiteServer {
  /** The running server (throws outside the suite's tests). */
  readonly server: TestServer;
  /** Registers a client to destroy when the suite ends; returns it. */
  track<T extends StockClient>(client: T): T;
}

/** One real server for a whole describe block, started before its tests and closed, with its clients, after them. */
export function suiteServer(overrides: Partial<Config> = {}, deps: AppDeps = {}): SuiteServer {
  let running: TestServer | null = null;
  const clients: StockClient[] = [];
  beforeAll(async () => {
    running = await startTestServer(overrides, deps);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await running?.close();
    running = null;
  });
  return {
    get server(): TestServer {
      if (!running) throw new Error("suiteServer is only available inside the suite's tests");
      return running;
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
}
