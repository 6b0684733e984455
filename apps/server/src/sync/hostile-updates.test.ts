import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "@quadrant/protocol";
import { encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from "./codec";
import { MAX_PARKED_BYTES } from "./parked-updates";
import { hasPendingState } from "./update-dependencies";
import { createBoard } from "../../test-support/create-board";
import { buildUpdate, cyclicStructs, futureStructs, unknownDeletes } from "../../test-support/hostile-updates";
import { stockClient } from "../../test-support/stock-client";
import { suiteServer } from "../../test-support/suite-server";
import type { TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

/** Sends one frame on a fresh socket; resolves with the close code once the server has judged it (and flushed). */
async function closeCodeFor(server: TestServer, url: string, frame: Uint8Array): Promise<number | "open"> {
  const socket = new WebSocket(url);
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.on("open", resolve));
  // A pong follows the server's handling of every earlier frame on the socket.
  const pongOrClose = () => Promise.race([closed, new Promise<"open">((resolve) => { socket.once("pong", () => resolve("open")); socket.ping(); })]);
  socket.send(frame);
  if ((await pongOrClose()) !== "open") return closed;
  // Updates are applied (or refused) at the next flush.
  await server.app.rooms.flushAll();
  const outcome = await pongOrClose();
  socket.terminate();
  return outcome;
}

describe("hostile but decodable updates and awareness (regressions found by fuzz.test.ts)", () => {
  const suite = suiteServer();

  it("never lets Yjs hold pending state: big updates with unknown needs close, small ones wait within a bound", async () => {
    const board = await createBoard(suite.server.url, "blank");
    const observer = stockClient(suite.server.wsUrl, board.id, board.tokens.editor);
    suite.track(observer);
    await observer.synced();
    observer.doc.getText("t").insert(0, "honest");
    await waitFor(() => suite.server.app.rooms.get(board.id)?.doc.getText("t").toString() === "honest", { message: "honest edit at the server" });
    let disconnects = 0;
    observer.provider.on("status", ({ status }: { status: string }) => {
      if (status === "disconnected") disconnects++;
    });
    const room = suite.server.app.rooms.get(board.id);
    if (!room) throw new Error("room not loaded");
    const before = Y.encodeStateVector(room.doc);
    const url = `${suite.server.wsUrl}/${board.id}?token=${board.tokens.editor}`;
    const honest = observer.doc.clientID;

    const refused: [string, Uint8Array][] = [
      // Before the fix each honest edit afterwards cost ~200 ms of CPU (Yjs re-read the pending deletes).
      ["100,000 deletes of unknown clients", unknownDeletes(1_000_000, 100_000)],
      // Before the fix 20,000 of these took 2.5 s to apply.
      ["20,000 structs at unknown clocks", futureStructs(5_000_000, 20_000)],
      ["two items that are each other's origin", cyclicStructs(601, 602)],
    ];
    for (const [name, update] of refused) {
      expect(await closeCodeFor(suite.server, url, encodeSyncUpdate(update)), name).toBe(CloseCode.MalformedMessage);
      expect(hasPendingState(room.doc), name).toBe(false);
    }
    const parked: [string, Uint8Array][] = [
      // Before the fix this kept the honest client's later characters deleted as they were typed.
      ["a delete running past the honest client's clock", buildUpdate([], [{ client: honest, clock: 0, length: 2 ** 50 }])],
      ["an item whose origin nobody wrote", buildUpdate([{ client: 4242, clock: 0, structs: [{ kind: "item", origin: { client: honest, clock: 10_000 }, content: { kind: "string", text: "x" } }] }])],
    ];
    for (const [name, update] of parked) {
      expect(await closeCodeFor(suite.server, url, encodeSyncUpdate(update)), name).toBe("open");
      expect(hasPendingState(room.doc), name).toBe(false);
    }
    expect(Buffer.from(Y.encodeStateVector(room.doc))).toEqual(Buffer.from(before));

    // The parking budget is per connection: a stream of small unmeetable updates ends in a close.
    const socket = new WebSocket(url);
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    const half = futureStructs(7_000_000, 1_500);
    expect(half.byteLength).toBeGreaterThan(MAX_PARKED_BYTES / 2);
    socket.send(encodeSyncUpdate(half));
    socket.send(encodeSyncUpdate(futureStructs(8_000_000, 1_500)));
    await suite.server.app.rooms.flushAll();
    expect(await closed).toBe(CloseCode.MalformedMessage);

    const started = performance.now();
    observer.doc.getText("t").insert(6, "!");
    await waitFor(() => room.doc.getText("t").toString() === "honest!", { message: "later honest edit, not pre-deleted" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(hasPendingState(room.doc)).toBe(false);
    expect(disconnects).toBe(0);
  });

  it("applies an update that arrived before what it depends on once that arrives (a client reconnecting mid-edit)", async () => {
    const board = await createBoard(suite.server.url, "blank");
    const offline = new Y.Doc();
    const updates: Uint8Array[] = [];
    offline.on("update", (u: Uint8Array) => updates.push(u));
    offline.getText("t").insert(0, "offline ");
    offline.getText("t").insert(8, "then online");
    const [first, second] = updates;
    if (!first || !second) throw new Error("expected two updates");
    const socket = new WebSocket(`${suite.server.wsUrl}/${board.id}?token=${board.tokens.editor}`);
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    socket.send(encodeSyncUpdate(second));
    await new Promise((resolve) => { socket.once("pong", resolve); socket.ping(); });
    await suite.server.app.rooms.flushAll();
    socket.send(encodeSyncStep2(first));
    await waitFor(() => suite.server.app.rooms.get(board.id)?.doc.getText("t").toString() === "offline then online", { message: "both updates applied" });
    expect(await Promise.race([closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), 50))])).toBe("open");
    socket.terminate();
  });

  it("closes senders of zero-length structs, which corrupted the doc for everyone (no joiner could sync)", async () => {
    const board = await createBoard(suite.server.url, "blank");
    const observer = stockClient(suite.server.wsUrl, board.id, board.tokens.editor);
    suite.track(observer);
    await observer.synced();
    const url = `${suite.server.wsUrl}/${board.id}?token=${board.tokens.editor}`;
    const poison = [
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "gc", length: 0 }] }]),
      buildUpdate([{ client: 8, clock: 0, structs: [{ kind: "item", parent: "t", content: { kind: "any", values: [] } }] }]),
    ];
    for (const update of poison) expect(await closeCodeFor(suite.server, url, encodeSyncUpdate(update))).toBe(CloseCode.MalformedMessage);
    observer.doc.getText("t").insert(0, "still fine");
    const joiner = stockClient(suite.server.wsUrl, board.id, board.tokens.viewer);
    suite.track(joiner);
    await joiner.synced();
    await waitFor(() => joiner.doc.getText("t").toString() === "still fine", { message: "joiner sees the honest edit" });
  });

  it("closes a socket whose awareness state nests too deep (a 20 kB state crashed the process when re-encoded)", async () => {
    const board = await createBoard(suite.server.url, "blank");
    const observer = stockClient(suite.server.wsUrl, board.id, board.tokens.editor);
    suite.track(observer);
    await observer.synced();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 31337);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, `${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    const url = `${suite.server.wsUrl}/${board.id}?token=${board.tokens.editor}`;
    expect(await closeCodeFor(suite.server, url, encodeAwareness(encoding.toUint8Array(e)))).toBe(CloseCode.MalformedMessage);
    // Two awareness ticks later the process is still here and answers.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${suite.server.url}/healthz`)).status).toBe(200);
    expect(observer.provider.wsconnected).toBe(true);
  });
});
