import { afterEach, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "@quadrant/protocol";
import type { Limits } from "../config";
import { testConfig } from "../../test-support/test-config";
import { encodeAwareness, encodeSyncUpdate } from "../sync/codec";
import { MAX_AWARENESS_IDS_PER_CONNECTION } from "../sync/room-awareness";
import { createBoard } from "../../test-support/create-board";
import { closeCodeOf, expectOpened, openRaw } from "../../test-support/raw-socket";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

let server: TestServer | null = null;
const clients: StockClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = null;
});

async function start(limits: Partial<Limits>, rest: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  server = await startTestServer({ ...rest, limits: { ...testConfig().limits, ...limits } });
  return server;
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encodeAwareness(encoding.toUint8Array(e));
}

function updateFrame(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap("elements").set(key, value);
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
}

async function rejectedCount(url: string, reason: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("quadrant_rejected_frames_total") && l.includes(`reason="${reason}"`));
  return line ? Number(line.split(" ").pop()) : 0;
}

describe("per-address and per-board upgrade limits", () => {
  it("refuses upgrades past the attempts per minute with 429, counting refused attempts too", async () => {
    const s = await start({ upgradesPerMinutePerAddress: 5 });
    const board = await createBoard(s.url);
    for (let i = 0; i < 3; i++) expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor)).terminate();
    // Token guessing counts against the same budget.
    for (let i = 0; i < 2; i++) expect(await openRaw(s.wsUrl, board.id, "guess")).toMatchObject({ status: 401 });
    const refused = await openRaw(s.wsUrl, board.id, board.tokens.editor);
    expect(refused).toMatchObject({ status: 429 });
    expect("body" in refused && JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });
    expect(await rejectedCount(s.url, "upgrade: rate_limited")).toBe(1);
  });

  it("caps open connections per address and per board; a closed socket frees its slot", async () => {
    const s = await start({ maxConnectionsPerAddress: 3, maxConnectionsPerBoard: 2 });
    const a = await createBoard(s.url);
    const b = await createBoard(s.url);
    const first = expectOpened(await openRaw(s.wsUrl, a.id, a.tokens.editor));
    sockets.push(first, expectOpened(await openRaw(s.wsUrl, a.id, a.tokens.viewer)));
    const boardFull = await openRaw(s.wsUrl, a.id, a.tokens.editor);
    expect(boardFull).toMatchObject({ status: 429 });
    expect("body" in boardFull && boardFull.body).toContain("board_full");

    sockets.push(expectOpened(await openRaw(s.wsUrl, b.id, b.tokens.editor)));
    const addressFull = await openRaw(s.wsUrl, b.id, b.tokens.editor);
    expect("body" in addressFull && addressFull.body).toContain("too_many_connections");

    first.close();
    await closeCodeOf(first);
    await waitFor(async () => "opened" in (await openRaw(s.wsUrl, a.id, a.tokens.editor).then((o) => { if ("opened" in o) sockets.push(o.opened); return o; })), {
      message: "slot freed",
    });
  });
});

describe("per-connection budgets", () => {
  it("closes a connection flooding document updates with 4429; others keep editing and nothing they did is lost (SS14)", async () => {
    const s = await start({ maxUpdatesPerSecond: 20 });
    const board = await createBoard(s.url);
    const honest = stockClient(s.wsUrl, board.id, board.tokens.editor);
    const watcher = stockClient(s.wsUrl, board.id, board.tokens.viewer);
    clients.push(honest, watcher);
    await Promise.all([honest.synced(), watcher.synced()]);

    const flooder = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor));
    const closed = closeCodeOf(flooder);
    for (let i = 0; i < 200 && flooder.readyState === WebSocket.OPEN; i++) flooder.send(updateFrame(`flood-${i}`, i));
    expect(await closed).toBe(CloseCode.RateLimited);

    honest.doc.getMap("elements").set("honest", 1);
    await waitFor(() => watcher.doc.getMap("elements").get("honest") === 1, { message: "honest edit relayed" });
    expect(honest.provider.wsconnected).toBe(true);
    // The burst allowance (2 s of budget) was stored; the rest was refused, never half-applied.
    const flooded = [...watcher.doc.getMap("elements").keys()].filter((k) => k.startsWith("flood-")).length;
    expect(flooded).toBeGreaterThan(0);
    expect(flooded).toBeLessThanOrEqual(41);
  });

  it("closes a connection whose awareness state is too big (1009) and drops awareness past the rate, counted", async () => {
    const s = await start({ maxAwarenessBytes: 1024, maxAwarenessPerSecond: 5 });
    const board = await createBoard(s.url);
    const big = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor));
    const bigClosed = closeCodeOf(big);
    big.send(awarenessFrame(4242, 1, { name: "x".repeat(2048) }));
    expect(await bigClosed).toBe(CloseCode.MessageTooBig);

    const chatty = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor));
    sockets.push(chatty);
    for (let clock = 1; clock <= 40; clock++) chatty.send(awarenessFrame(5151, clock, { cursor: { x: clock, y: 0 } }));
    await waitFor(async () => (await rejectedCount(s.url, "awareness rate limit")) >= 25, { message: "awareness drops counted" });
    expect(chatty.readyState).toBe(WebSocket.OPEN);
  });

  it("lets a connection change only the awareness states it owns", async () => {
    const s = await start({});
    const board = await createBoard(s.url);
    const victim = stockClient(s.wsUrl, board.id, board.tokens.editor);
    const observer = stockClient(s.wsUrl, board.id, board.tokens.viewer);
    clients.push(victim, observer);
    await Promise.all([victim.synced(), observer.synced()]);
    victim.provider.awareness.setLocalStateField("user", { name: "Ada" });
    const victimId = victim.doc.clientID;
    await waitFor(() => observer.provider.awareness.getStates().get(victimId)?.["user"], { message: "victim presence" });

    const attacker = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor));
    sockets.push(attacker);
    attacker.send(awarenessFrame(victimId, 10_000, { user: { name: "Mallory" } }));
    attacker.send(awarenessFrame(7777, 1, { user: { name: "Mallory" } }));
    await waitFor(() => observer.provider.awareness.getStates().has(7777), { message: "attacker's own state relayed" });
    expect(observer.provider.awareness.getStates().get(victimId)?.["user"]).toEqual({ name: "Ada" });
  });

  it("closes a socket that claims more awareness client ids than a client has (4400), keeping the others' presence", async () => {
    const s = await start({});
    const board = await createBoard(s.url);
    const observer = stockClient(s.wsUrl, board.id, board.tokens.viewer);
    clients.push(observer);
    await observer.synced();
    const crowd = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.editor));
    const closed = closeCodeOf(crowd);
    for (let id = 1; id <= MAX_AWARENESS_IDS_PER_CONNECTION; id++) crowd.send(awarenessFrame(90_000 + id, 1, { user: { name: `ghost ${id}` } }));
    await waitFor(() => observer.provider.awareness.getStates().has(90_000 + MAX_AWARENESS_IDS_PER_CONNECTION), { message: "allowed ids relayed" });
    crowd.send(awarenessFrame(99_999, 1, { user: { name: "one too many" } }));
    expect(await closed).toBe(CloseCode.MalformedMessage);
    // Its states leave with it; the invented one never arrived.
    await waitFor(() => !observer.provider.awareness.getStates().has(90_001), { message: "ghosts removed" });
    expect(observer.provider.awareness.getStates().has(99_999)).toBe(false);
  });

  it("closes a consumer that stops reading once its send queue passes the bound (4408), never sending it partial data (SS8)", async () => {
    const s = await start({ maxUpdateBytesPerSecond: 64 * 1024 * 1024 }, { maxSendQueueBytes: 256 * 1024 });
    const board = await createBoard(s.url);
    const writer = stockClient(s.wsUrl, board.id, board.tokens.editor);
    clients.push(writer);
    await writer.synced();

    const slow = expectOpened(await openRaw(s.wsUrl, board.id, board.tokens.viewer));
    sockets.push(slow);
    const slowClosed = new Promise<number>((resolve) => slow.once("close", (code) => resolve(code)));
    // Stop reading: the kernel buffers fill, then the server's send queue grows.
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const blob = "x".repeat(512 * 1024);
    for (let i = 0; i < 80; i++) {
      writer.doc.getMap("elements").set(`big-${i}`, `${i}:${blob}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slowClosed).toBe(CloseCode.SlowConsumer);
    expect(await rejectedCount(s.url, "send queue full")).toBe(1);
    // The server and the other client are fine.
    expect(writer.provider.wsconnected).toBe(true);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 30_000);
});
