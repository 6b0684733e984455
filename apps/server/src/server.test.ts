import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CloseCode } from "@quadrant/protocol";
import { createBoard } from "../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../test-support/spawn-server";
import { waitFor } from "../test-support/wait-for";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("the server process", () => {
  const processes: ServerProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const p of processes.splice(0)) await p.kill9();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("never logs tokens (SS2), and on SIGTERM closes sockets with 1012 and exits cleanly (SS13)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-process-"));
    dirs.push(dataDir);
    const server = await spawnServerProcess({ dataDir, env: { LOG_LEVEL: "debug" } });
    processes.push(server);
    const board = await createBoard(server.url, "blank");
    await fetch(`${server.url}/api/boards/${board.id}?token=${board.tokens.viewer}`);
    await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } });

    const socket = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.facilitator}&participant=p1`);
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    await waitFor(() => server.output().includes("redacted"), { message: "request logged" });

    const exitCode = await server.stop();
    expect(await closed).toBe(CloseCode.ServiceRestart);
    expect(exitCode).toBe(0);
    const output = server.output();
    for (const token of Object.values(board.tokens)) expect(output).not.toContain(token);
  }, 30_000);

  it("refuses to start on a bad environment value, naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? "", PORT: "not-a-port", STORAGE: "memory" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("PORT");
  }, 30_000);
});
