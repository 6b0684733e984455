import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBoard } from "../../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { waitFor } from "../../test-support/wait-for";

describe("durability", () => {
  const processes: ServerProcess[] = [];
  const clients: StockClient[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const p of processes.splice(0)) await p.kill9();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("every edit another client has seen survives SIGKILL and a restart on the same DATA_DIR (SS3)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-durability-"));
    dirs.push(dataDir);
    const first = await spawnServerProcess({ dataDir });
    processes.push(first);
    const board = await createBoard(first.url, "swot");

    const a = stockClient(first.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(first.wsUrl, board.id, board.tokens.viewer);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);

    const seen = new Map<string, unknown>();
    b.doc.getMap("elements").observe(() => {
      for (const [key, value] of b.doc.getMap("elements").entries()) seen.set(key, value);
    });
    // Edits keep flowing while the server is killed: some are seen, some in flight.
    const elements = a.doc.getMap("elements");
    let sent = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        elements.set(`note-${sent}`, { text: `idea ${sent}`, x: sent });
        sent++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await waitFor(() => seen.size >= 50, { message: "b saw edits" });
    await first.kill9();
    writing = false;
    await writer;
    const seenAtKill = new Map(seen);
    expect(seenAtKill.size).toBeGreaterThanOrEqual(50);
    expect(sent).toBeGreaterThan(seenAtKill.size);
    a.destroy();
    b.destroy();
    clients.length = 0;

    const second = await spawnServerProcess({ dataDir });
    processes.push(second);
    const c = stockClient(second.wsUrl, board.id, board.tokens.facilitator);
    clients.push(c);
    await c.synced();
    const restored = c.doc.getMap("elements").toJSON();
    for (const [key, value] of seenAtKill) expect(restored[key]).toEqual(value);
  }, 60_000);
});
