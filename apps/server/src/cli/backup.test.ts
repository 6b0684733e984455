import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createBoard } from "../../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { waitFor } from "../../test-support/wait-for";
import { SQLITE_FILE_NAME } from "../storage/sqlite";

const run = promisify(execFile);
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dirs: string[] = [];
const servers: ServerProcess[] = [];
const clients: StockClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "quadrant-backup-"));
  dirs.push(dir);
  return dir;
}

function backup(env: Record<string, string>, out: string) {
  return run(process.execPath, ["--import", "tsx", "src/cli/backup.ts", "--out", out], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

describe("operator backup (restore drill)", () => {
  it("copies the database while 4 clients edit; a server on the copy holds every edit acknowledged before it began", async () => {
    const dataDir = tempDir();
    const live = await spawnServerProcess({ dataDir });
    servers.push(live);
    const board = await createBoard(live.url, "blank", "Drill");
    const editors = [0, 1, 2, 3].map(() => stockClient(live.wsUrl, board.id, board.tokens.editor));
    const observer = stockClient(live.wsUrl, board.id, board.tokens.viewer);
    clients.push(...editors, observer);
    await Promise.all([...editors, observer].map((c) => c.synced()));

    let editing = true;
    const loops = editors.map(async (client, i) => {
      for (let n = 0; editing; n++) {
        client.doc.getMap("drill").set(`c${i}-${n}`, n);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await waitFor(() => observer.doc.getMap("drill").size >= 200);
    // Acknowledged: relayed to another participant, which the server does only once it is stored.
    const acknowledged = [...observer.doc.getMap("drill").keys()];
    const out = path.join(tempDir(), "copy.sqlite");
    const { stdout } = await backup({ DATA_DIR: dataDir, STORAGE: "sqlite" }, out);
    editing = false;
    await Promise.all(loops);
    expect(stdout).toMatch(/copied \d+ of \d+ pages/);
    expect(stdout).toContain(`backup written to ${out}`);

    const check = new Database(out, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();

    const restoredDir = tempDir();
    mkdirSync(restoredDir, { recursive: true });
    await run("cp", [out, path.join(restoredDir, SQLITE_FILE_NAME)]);
    const restored = await spawnServerProcess({ dataDir: restoredDir });
    servers.push(restored);
    const reader = stockClient(restored.wsUrl, board.id, board.tokens.viewer);
    clients.push(reader);
    await reader.synced();
    const keys = new Set(reader.doc.getMap("drill").keys());
    expect(acknowledged.filter((k) => !keys.has(k))).toEqual([]);
  }, 60_000);

  it("refuses with a clear message when the database is missing or STORAGE is postgres", async () => {
    const out = path.join(tempDir(), "copy.sqlite");
    await expect(backup({ DATA_DIR: tempDir(), STORAGE: "sqlite" }, out)).rejects.toMatchObject({ stderr: expect.stringMatching(/no database at .*quadrant\.sqlite/) });
    await expect(backup({ STORAGE: "postgres", DATABASE_URL: "postgres://q@localhost/q" }, out)).rejects.toMatchObject({ stderr: expect.stringMatching(/pg_dump/) });
  });
});
