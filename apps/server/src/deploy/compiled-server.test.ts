import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CloseCode } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Production runs the compiled build (`npm start`, the Dockerfile, the benchmark):
 * `node build.mjs` then plain `node dist/server.js`. This builds it and starts it for
 * real, so a module the bundle cannot resolve, or a path that only works from src/,
 * fails here and not in a deployment.
 */
describe("the compiled server (dist/)", () => {
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ["build.mjs"], { cwd: serverDir, encoding: "utf8", timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-dist-"));
    server = await spawnServerProcess({ dataDir, entry: "dist" });
  }, 150_000);

  afterAll(async () => {
    await server?.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates a board, syncs over the websocket and shuts down cleanly on SIGTERM (SS13)", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const board = await createBoard(server.url, "swot");
    const socket = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.editor}`);
    const firstFrame = new Promise<Buffer>((resolve) => socket.once("message", (data: Buffer) => resolve(data)));
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    // y-websocket message type 0 (sync), sync step 1 (0): the server opens with its step 1 (SS1).
    const frame = await firstFrame;
    expect([frame[0], frame[1]]).toEqual([0, 0]);
    expect(await server.stop()).toBe(0);
    expect(await closed).toBe(CloseCode.ServiceRestart);
  }, 30_000);
});
