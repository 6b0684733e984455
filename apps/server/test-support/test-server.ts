import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppDeps } from "../src/app";
import type { Config } from "../src/config";
import { testConfig } from "./test-config";
import type { Storage } from "../src/storage/storage";

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/ws: the `serverUrl` of a WebsocketProvider. */
  wsUrl: string;
  app: FastifyInstance;
  storage: Storage;
  config: Config;
  close(): Promise<void>;
}

/**
 * A real server on port 0 with a temporary DATA_DIR (deleted on close).
 * Storage defaults to memory; pass `{ storage: "sqlite" }` for the embedded store.
 */
export async function startTestServer(overrides: Partial<Config> = {}, deps: AppDeps = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(path.join(tmpdir(), "quadrant-test-"));
  const ownsDataDir = overrides.dataDir === undefined;
  const config = testConfig({ dataDir, publicDir: path.join(dataDir, "no-web-build"), ...overrides });
  const app = await buildApp(config, deps);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  const url = `http://127.0.0.1:${address.port}`;
  let closed = false;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    app,
    storage: app.storage,
    config,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
