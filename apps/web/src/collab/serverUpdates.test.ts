import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { IndexeddbPersistence } from "y-indexeddb";
import { BoardConnection } from "./connection";
import { applyServerUpdate } from "./serverUpdates";
import { boardDoc, texts } from "./testDocs";

describe("applyServerUpdate", () => {
  it("hands update listeners the bytes that arrived, which rebuild the same document", () => {
    const update = Y.encodeStateAsUpdate(boardDoc(50));
    const doc = new Y.Doc();
    const heard: Array<{ update: Uint8Array; origin: unknown }> = [];
    doc.on("update", (u: Uint8Array, origin: unknown) => heard.push({ update: u, origin }));
    const origin = { name: "server" };

    applyServerUpdate(doc, update, origin);

    expect(texts(doc)).toHaveLength(50);
    expect(heard).toHaveLength(1);
    // The very array received: Yjs did not write the transaction out again.
    expect(heard[0]?.update).toBe(update);
    expect(heard[0]?.origin).toBe(origin);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, heard[0]!.update);
    expect(texts(rebuilt)).toEqual(texts(doc));
  });

  it("tells no listener about an update that changed nothing, as Yjs does", () => {
    const update = Y.encodeStateAsUpdate(boardDoc(5));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    let heard = 0;
    doc.on("update", () => heard++);
    applyServerUpdate(doc, update, null);
    expect(heard).toBe(0);
  });

  it("lets a local write made in reply to the server's update reach the listeners, encoded by Yjs (as FileSync's)", () => {
    const doc = new Y.Doc();
    const heard: Array<{ update: Uint8Array; origin: unknown }> = [];
    doc.on("update", (u: Uint8Array, origin: unknown) => heard.push({ update: u, origin }));
    const reply = Symbol("reply");
    // An observer that writes once the server's elements arrive: Yjs cleans its transaction up
    // inside the same apply.
    doc.getMap("elements").observe((_event, transaction) => {
      if (transaction.origin === reply) return;
      doc.transact(() => doc.getMap("files").set("f1", "bytes"), reply);
    });
    const update = Y.encodeStateAsUpdate(boardDoc(2));
    applyServerUpdate(doc, update, "server");

    expect(heard.map((h) => h.origin)).toEqual(["server", reply]);
    expect(heard[0]?.update).toBe(update);
    // What y-websocket would send for the reply carries the write.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, heard[1]!.update);
    expect(remote.getMap("files").get("f1")).toBe("bytes");
  });

  it("keeps every listener attached afterwards, including one added during the apply", () => {
    const doc = new Y.Doc();
    const first: Uint8Array[] = [];
    const added: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => first.push(u));
    // An observer that subscribes while the server's update is being applied.
    doc.getMap("elements").observe(() => {
      if (added.length === 0 && first.length === 0) doc.on("update", (u: Uint8Array) => added.push(u));
    });
    applyServerUpdate(doc, Y.encodeStateAsUpdate(boardDoc(3)), null);

    doc.getMap("elements").set("local", new Y.Map());
    // The local edit is encoded by Yjs as usual and reaches both.
    expect(first).toHaveLength(2);
    expect(added).toHaveLength(2);
    expect(added[1]).toBe(first[1]);
  });
});

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real y-websocket-protocol server on port 0 holding `doc`: answers sync step 1 with step 2. */
async function syncServer(doc: Y.Doc): Promise<string> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (socket) => {
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return; // only sync messages
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, 0);
      syncProtocol.readSyncMessage(decoder, reply, doc, null);
      if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply));
    });
  });
  server = http;
  http.on("close", () => wss.close());
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
}

describe("BoardConnection's first sync", () => {
  it("is stored in IndexedDB as received, and an offline reload from it shows the whole board", async () => {
    const held = boardDoc(300);
    const url = await syncServer(held);
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence("quadrant-board-server-updates-test", doc);
    await local.whenSynced;
    const connection = new BoardConnection({ doc, wsUrl: url, boardId: "b", token: "t", WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
    await new Promise<void>((resolve) => connection.provider.once("sync", () => resolve()));
    expect(texts(doc)).toEqual(texts(held));

    // A local edit still goes out through y-websocket's own listener, encoded by Yjs.
    doc.getMap<Y.Map<unknown>>("elements").get("e0")?.set("text", "edited");
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = () => (held.getMap<Y.Map<unknown>>("elements").get("e0")?.get("text") === "edited" ? resolve() : Date.now() - started > 5000 ? reject(new Error("edit never reached the server")) : setTimeout(tick, 10));
      tick();
    });
    connection.destroy();
    await local.destroy();

    // What this browser kept: a new document loaded from IndexedDB alone.
    const reloaded = new Y.Doc();
    const again = new IndexeddbPersistence("quadrant-board-server-updates-test", reloaded);
    await again.whenSynced;
    expect(texts(reloaded)).toEqual(texts(doc));
    await again.destroy();
  });
});
