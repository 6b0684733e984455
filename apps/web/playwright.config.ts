import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

/** A port the OS reports free right now (the config must be synchronous). */
function freePort(): string {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

/**
 * End-to-end tests drive Debian's Chromium against our real server, started on
 * a free port with a throw-away DATA_DIR and serving the built app (`vite build --mode e2e`
 * runs first in the `e2e` script).
 */
// The config is evaluated again in every worker process: the main process picks
// the port and data dir once and hands them down through the environment.
process.env.QUADRANT_E2E_PORT ??= freePort();
process.env.QUADRANT_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), "quadrant-e2e-"));
// The server serves a private copy of the build: another `vite build` running at the same
// time (it empties dist/ first) must not pull the app from under a test run.
if (!process.env.QUADRANT_E2E_PUBLIC) {
  const publicDir = path.join(process.env.QUADRANT_E2E_DATA, "public");
  // dist-e2e: the build with the read-only test hooks (`--mode e2e`, .env.e2e); production builds have none.
  cpSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "dist-e2e"), publicDir, { recursive: true });
  process.env.QUADRANT_E2E_PUBLIC = publicDir;
}
const port = Number(process.env.QUADRANT_E2E_PORT);
const dataDir = process.env.QUADRANT_E2E_DATA;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  outputDir: "./e2e/artifacts/test-output",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node --import tsx apps/server/src/server.ts",
    cwd: repoRoot,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, STORAGE: "sqlite", LOG_LEVEL: "warn", PUBLIC_DIR: process.env.QUADRANT_E2E_PUBLIC },
  },
});
