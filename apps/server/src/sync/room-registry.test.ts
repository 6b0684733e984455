import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { MemoryStorage } from "../storage/memory";
import type { StoredUpdate } from "../storage/storage";
import { COALESCE_COST_FACTOR, coalescingGapMs, tickIntervalMs } from "./flush-scheduler";
import { createBoard } from "../../test-support/create-board";
import { storedBytes } from "../../test-support/storage-contract";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

function docFromStorage(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Memory storage whose writes can be made to fail, as a full disk would. */
class FlakyStorage extends MemoryStorage {
  failing = false;
  override async appendUpdates(batch: readonly StoredUpdate[]): Promise<void> {
    if (this.failing) throw new Error("disk full");
    return super.appendUpdates(batch);
  }
}

describe("room lifecycle", () => {
  let server: TestServer | null = null;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });

  it("compacts in the background with identical state, unloads an idle board and reloads it on demand (SS9, SS9a, SS10)", async () => {
    server = await startTestServer({ storage: "sqlite", idleUnloadMs: 100, compactAfterUpdates: 20 });
    const board = await createBoard(server.url, "impact-effort");
    const a = stockClient(server.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(server.wsUrl, board.id, board.tokens.editor);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);

    const elements = a.doc.getMap<{ x: number }>("elements");
    for (let i = 0; i < 60; i++) {
      // One round trip per edit, so each becomes its own flush and log entry.
      elements.set(`e${i % 10}`, { x: i });
      if (i % 7 === 0) elements.delete(`e${(i + 3) % 10}`);
      await waitFor(() => b.doc.getMap<{ x: number }>("elements").get(`e${i % 10}`)?.x === i, { message: `edit ${i}` });
    }
    const room = server.app.rooms.get(board.id);
    if (!room) throw new Error("room not loaded");
    await server.app.rooms.flushAll();
    await waitFor(async () => !room.compacting && (await server!.storage.loadDocument(board.id)).snapshot !== null, { message: "compaction" });

    const stored = await server.storage.loadDocument(board.id);
    expect(stored.updates.length).toBeLessThan(20);
    const fromDisk = docFromStorage(stored);
    expect(fromDisk.getMap("elements").toJSON()).toEqual(room.doc.getMap("elements").toJSON());
    expect(Y.encodeStateVector(fromDisk)).toEqual(Y.encodeStateVector(room.doc));
    const encodedSize = Y.encodeStateAsUpdate(room.doc).byteLength;
    expect(await storedBytes(server.storage, board.id)).toBeLessThan(encodedSize * 4 + 1024);
    const expected = room.doc.getMap("elements").toJSON();

    a.destroy();
    b.destroy();
    clients.length = 0;
    await waitFor(() => server!.app.rooms.get(board.id) === undefined, { message: "idle unload" });
    expect(room.state).toBe("closed");
    // Unloading leaves one snapshot and no log: the next cold join replays nothing.
    expect((await server.storage.loadDocument(board.id)).updates).toEqual([]);

    const c = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    clients.push(c);
    await c.synced();
    expect(c.doc.getMap("elements").toJSON()).toEqual(expected);
    expect(server.app.rooms.get(board.id)).not.toBe(room);

    // Server code (exports, facilitation) that acquires a cold room sees the applied document.
    c.destroy();
    clients.length = 0;
    await waitFor(() => server!.app.rooms.get(board.id) === undefined, { message: "second idle unload" });
    const reloaded = await server.app.rooms.acquire(board.id);
    expect(reloaded.doc.getMap("elements").toJSON()).toEqual(expected);
  });

  it("a failed write keeps the edit in memory, /readyz reports it, and the retry stores it (SS9)", async () => {
    const storage = new FlakyStorage();
    server = await startTestServer({}, { storage });
    const board = await createBoard(server.url);
    const a = stockClient(server.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(server.wsUrl, board.id, board.tokens.editor);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);

    storage.failing = true;
    a.doc.getMap("elements").set("kept", { x: 1 });
    await waitFor(async () => (await fetch(`${server!.url}/readyz`)).status === 503, { message: "readyz 503" });
    const body = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { writes: string } };
    expect(body.checks.writes).toContain("disk full");
    // Not durable, so not broadcast yet.
    expect(b.doc.getMap("elements").has("kept")).toBe(false);

    storage.failing = false;
    await waitFor(() => b.doc.getMap("elements").has("kept"), { message: "retry delivers", timeoutMs: 10_000 });
    expect(docFromStorage(await storage.loadDocument(board.id)).getMap("elements").has("kept")).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it("a small room flushes every edit on the next turn, however long the coalescing cap (SS4)", async () => {
    // A cap of 20 s for a room of two: an edit that waited for a tick would never arrive in this test.
    server = await startTestServer({ storage: "sqlite", flushIntervalMs: 1_000_000 });
    const board = await createBoard(server.url, "blank");
    const a = stockClient(server.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(server.wsUrl, board.id, board.tokens.editor);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const elements = a.doc.getMap<{ x: number }>("elements");
    for (let i = 0; i < 5; i++) {
      elements.set("dragged", { x: i });
      await waitFor(() => b.doc.getMap<{ x: number }>("elements").get("dragged")?.x === i, { message: `edit ${i} without a tick` });
      // Durable before visible (SS3): what b saw is on disk.
      expect(docFromStorage(await server.storage.loadDocument(board.id)).getMap<{ x: number }>("elements").get("dragged")?.x).toBe(i);
    }
    expect(server.app.rooms.get(board.id)?.tickCostMs).toBeLessThan(1_000_000);
  });

  it("coalesces in proportion to what a tick's fan-out costs, up to the size cap (SS4)", () => {
    // Sending costs nothing measurable: flush on the next turn.
    expect(coalescingGapMs(16, 200, 0)).toBe(0);
    // A room whose tick took 2 ms waits COALESCE_COST_FACTOR × 2 ms from its start.
    expect(coalescingGapMs(16, 200, 2)).toBe(COALESCE_COST_FACTOR * 2);
    // A costly fan-out coalesces at most up to the size cap.
    expect(coalescingGapMs(16, 1000, 40)).toBe(tickIntervalMs(16, 1000));
    expect(coalescingGapMs(16, 2000, 1000)).toBe(35);
    // FLUSH_INTERVAL_MS=0: never coalesce.
    expect(coalescingGapMs(0, 1000, 40)).toBe(0);
    // A room that is not busy never waits: its messages come 5 ms after a tick that cost 0.5 ms
    // (a room of 50 at 200 messages a second); the same room is busy when they come within 1 ms.
    expect(coalescingGapMs(16, 50, 0.5, 5)).toBe(0);
    expect(coalescingGapMs(16, 50, 0.5, 1)).toBe(COALESCE_COST_FACTOR * 0.5);
    // A big room's messages come right after each tick: it still coalesces up to the cap.
    expect(coalescingGapMs(16, 2000, 30, 0.2)).toBe(35);
  });

  it("terminates a socket that stops answering pings and keeps the ones that answer, across rooms (SS8)", async () => {
    server = await startTestServer({ pingIntervalMs: 200 });
    const boards = await Promise.all([createBoard(server.url, "impact-effort"), createBoard(server.url, "swot")]);
    const open = (board: (typeof boards)[number], autoPong: boolean) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${server!.wsUrl}/${board.id}?token=${board.tokens.editor}`, { autoPong });
        socket.once("open", () => resolve(socket));
        socket.once("error", reject);
      });
    const sockets = await Promise.all(boards.flatMap((board) => [open(board, false), open(board, true)]));
    const closed = sockets.map((socket) => new Promise<void>((resolve) => socket.once("close", () => resolve())));
    let closedCount = 0;
    for (const c of closed) void c.then(() => closedCount++);
    try {
      // The silent sockets (one per room) are cut within two rounds; the answering ones never.
      await Promise.all([closed[0], closed[2]]);
      await new Promise((resolve) => setTimeout(resolve, 500)); // two more whole rounds
      expect(closedCount).toBe(2);
      expect([sockets[1]!.readyState, sockets[3]!.readyState]).toEqual([WebSocket.OPEN, WebSocket.OPEN]);
    } finally {
      for (const socket of sockets) socket.terminate();
    }
  });

  it("ticks sooner in small rooms and less often in big ones (SS4)", () => {
    expect(tickIntervalMs(16, 5)).toBe(1);
    expect(tickIntervalMs(16, 50)).toBe(8);
    expect(tickIntervalMs(16, 200)).toBe(16);
    expect(tickIntervalMs(16, 500)).toBe(25);
    expect(tickIntervalMs(16, 600)).toBe(30);
    expect(tickIntervalMs(16, 1000)).toBe(35);
    expect(tickIntervalMs(16, 10_000)).toBe(35);
    expect(tickIntervalMs(0, 1000)).toBe(0);
  });
});
