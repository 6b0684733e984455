import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const repoRoot = path.resolve(serverDir, "../..");

/** Every `.ts` file (tests excluded) under a directory: the sources build.mjs bundles. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

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

  it("keeps the names of our classes (build.mjs bundles without keepNames)", () => {
    // esbuild renames a declaration only when two bundled modules declare the same name (Foo → Foo2);
    // names reach logs and error reports, so a rename would be a silent change there.
    const sources = [path.join(serverDir, "src"), ...readdirSync(path.join(repoRoot, "packages")).map((p) => path.join(repoRoot, "packages", p, "src"))];
    const declared = new Set(sources.flatMap(sourceFiles).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\bclass (\w+)/g)].map((m) => m[1])));
    const dist = path.join(serverDir, "dist");
    const bundled = readdirSync(dist)
      .filter((f) => f.endsWith(".js"))
      .flatMap((f) => [...readFileSync(path.join(dist, f), "utf8").matchAll(/(?:var|let|const) (\w+) = class\b|\bclass (\w+)/g)])
      .map((m) => (m[1] ?? m[2] ?? "").replace(/^_/, ""));
    expect(bundled.length).toBeGreaterThan(10);
    expect(bundled.filter((name) => !declared.has(name))).toEqual([]);
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
    // One edit: the first write starts the WAL checkpoint thread, whose file build.mjs copies into dist/.
    const doc = new Y.Doc();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    doc.on("update", (update: Uint8Array) => syncProtocol.writeUpdate(encoder, update));
    doc.getMap("elements").set("note-1", { x: 1 });
    socket.send(encoding.toUint8Array(encoder));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(server.output()).not.toMatch(/checkpoint thread|error/i);
    expect(await server.stop()).toBe(0);
    expect(await closed).toBe(CloseCode.ServiceRestart);
  }, 30_000);
});
