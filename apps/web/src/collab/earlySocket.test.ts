import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { IndexeddbPersistence } from "y-indexeddb";
import { BoardConnection } from "./connection";
import { adoptingWebSocket } from "./earlySocket";
import { controlParams } from "../facilitation/controlChannel";
import { participantId } from "../facilitation/participantId";
import { boardDoc, texts } from "./testDocs";

const EARLY_SCRIPT = readFileSync(new URL("../../public/board-early.js", import.meta.url), "utf8");
const NodeSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/**
 * A y-websocket-protocol server on port 0 that, as Quadrant's (SS9a), sends the whole board the
 * moment a socket joins and answers the joiner's own step 1 with only what changed since: a
 * client that dropped that first message never gets the board.
 */
async function boardServer(held: Y.Doc): Promise<{ host: string; urls: string[]; server: Server }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  const urls: string[] = [];
  wss.on("connection", (socket, request) => {
    urls.push(request.url ?? "");
    const sent = Y.encodeStateVector(held);
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 0);
    syncProtocol.writeSyncStep2(step2, held);
    socket.send(encoding.toUint8Array(step2));
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return; // awareness: not needed here
      if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        syncProtocol.writeSyncStep2(reply, held, sent);
        socket.send(encoding.toUint8Array(reply));
        return;
      }
      Y.applyUpdate(held, decoding.readVarUint8Array(decoder));
    });
  });
  // Every change to the held board goes to every socket, as the server's broadcast.
  held.on("update", (update: Uint8Array) => {
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 0);
    syncProtocol.writeUpdate(message, update);
    for (const socket of wss.clients) socket.send(encoding.toUint8Array(message));
  });
  http.on("close", () => wss.close());
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { host: `127.0.0.1:${(http.address() as AddressInfo).port}`, urls, server: http };
}

/** A Storage backed by a Map, as the page's localStorage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let server: Server | null = null;
const connections: BoardConnection[] = [];
let storage: Storage;

beforeEach(() => {
  storage = memoryStorage();
  storage.setItem("quadrant.identity.v1", JSON.stringify({ name: "Ada", color: "#1971c2" }));
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("navigator", { onLine: true });
  vi.stubGlobal("WebSocket", NodeSocket);
});

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  await closeEarly();
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** The board server for one test, closed after it. */
async function serve(held: Y.Doc): Promise<{ host: string; urls: string[] }> {
  const board = await boardServer(held);
  server = board.server;
  return board;
}

/** Closes the early socket nobody adopted (ws, unlike a browser, cannot close one still connecting). */
async function closeEarly(): Promise<void> {
  const early = globalThis.quadrantEarlySocket;
  globalThis.quadrantEarlySocket = undefined;
  if (!early) return;
  await until("the early socket to open", () => early.socket.readyState !== 0);
  early.socket.close();
}

/** The board page at /b/<boardId>#t=<token>: runs public/board-early.js as the browser would. */
function openPage(host: string, boardId: string, token: string): void {
  vi.stubGlobal("location", { pathname: `/b/${boardId}`, hash: `#t=${token}`, protocol: "http:", host });
  new Function(EARLY_SCRIPT)();
}

/** What useBoardSession opens for that page. */
function openSession(host: string, boardId: string, token: string, localLoaded: Promise<unknown> = Promise.resolve()): { doc: Y.Doc; connection: BoardConnection } {
  const doc = new Y.Doc();
  const connection = new BoardConnection({
    doc,
    wsUrl: `ws://${host}/ws`,
    boardId,
    token,
    extraParams: controlParams(participantId(storage)),
    WebSocketPolyfill: adoptingWebSocket(localLoaded, NodeSocket),
  });
  connections.push(connection);
  return { doc, connection };
}

describe("the board's early socket (public/board-early.js)", () => {
  it("is the session's socket, with the board the server sent before the session existed", async () => {
    const held = boardDoc(200);
    const board = await serve(held);
    openPage(board.host, "b1", "tok en/1");
    const early = globalThis.quadrantEarlySocket;
    expect(early).toBeDefined();
    await until("the server's board to reach the early socket", () => early!.messages.length > 0);

    let loadLocal = () => undefined as void;
    const { doc, connection } = openSession(board.host, "b1", "tok en/1", new Promise<void>((resolve) => (loadLocal = resolve)));
    expect(connection.provider.url).toBe(early!.url);
    // Held back until the IndexedDB copy has loaded, while the socket goes on receiving.
    held.getMap<Y.Map<unknown>>("elements").get("e2")?.set("text", "while held");
    await until("the change to reach the early socket", () => early!.messages.length > 1);
    expect(texts(doc)).toHaveLength(0);
    expect(connection.status).toBe("connecting");

    loadLocal();
    await until("the first sync", () => connection.provider.synced);
    expect(texts(doc)).toEqual(texts(held));
    expect(connection.status).toBe("connected");
    // One socket for the page, not two.
    expect(board.urls).toHaveLength(1);
    expect(globalThis.quadrantEarlySocket).toBeUndefined();

    // Later messages and local edits flow both ways on it.
    doc.getMap<Y.Map<unknown>>("elements").get("e0")?.set("text", "edited");
    await until("the edit to reach the server", () => held.getMap<Y.Map<unknown>>("elements").get("e0")?.get("text") === "edited");
    held.getMap<Y.Map<unknown>>("elements").get("e1")?.set("text", "from the server");
    await until("the server's edit", () => doc.getMap<Y.Map<unknown>>("elements").get("e1")?.get("text") === "from the server");
  });

  it("is adopted while still connecting: y-websocket sees it open as usual, its messages wait for the local copy", async () => {
    const held = boardDoc(20);
    const board = await serve(held);
    openPage(board.host, "b2", "t2");
    expect(globalThis.quadrantEarlySocket?.socket.readyState).toBe(0);
    let loadLocal = () => undefined as void;
    const { doc, connection } = openSession(board.host, "b2", "t2", new Promise<void>((resolve) => (loadLocal = resolve)));
    await until("the socket to open", () => connection.status === "connected");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts(doc)).toHaveLength(0);
    loadLocal();
    await until("the first sync", () => connection.provider.synced);
    expect(texts(doc)).toEqual(texts(held));
    expect(board.urls).toHaveLength(1);
  });

  it("is left alone when the session asks for another URL (another link on the same page)", async () => {
    const board = await serve(boardDoc(5));
    openPage(board.host, "b3", "first-token");
    const { connection } = openSession(board.host, "b3", "other-token");
    await until("the first sync", () => connection.provider.synced);
    expect(board.urls).toHaveLength(2);
    expect(globalThis.quadrantEarlySocket?.url).toContain("token=first-token");
  });

  it("is not adopted once closed: the session opens its own and syncs", async () => {
    const held = boardDoc(5);
    const board = await serve(held);
    openPage(board.host, "b4", "t4");
    const early = globalThis.quadrantEarlySocket!;
    await until("the early socket to open", () => early.socket.readyState === 1);
    early.socket.close();
    await until("the early socket to close", () => early.socket.readyState === 3);
    const { doc, connection } = openSession(board.host, "b4", "t4");
    await until("the first sync", () => connection.provider.synced);
    expect(texts(doc)).toEqual(texts(held));
    expect(board.urls).toHaveLength(2);
  });

  it("is not opened for someone the page will ask for a name, nor offline, nor without a token", async () => {
    const board = await serve(boardDoc(1));
    storage.removeItem("quadrant.identity.v1");
    openPage(board.host, "b5", "t5");
    expect(globalThis.quadrantEarlySocket).toBeUndefined();

    storage.setItem("quadrant.identity.v1", "{}");
    vi.stubGlobal("navigator", { onLine: false });
    openPage(board.host, "b5", "t5");
    expect(globalThis.quadrantEarlySocket).toBeUndefined();

    vi.stubGlobal("navigator", { onLine: true });
    vi.stubGlobal("location", { pathname: "/b/b5", hash: "", protocol: "http:", host: board.host });
    new Function(EARLY_SCRIPT)();
    expect(globalThis.quadrantEarlySocket).toBeUndefined();
    expect(board.urls).toHaveLength(0);
  });

  it("opens the board's IndexedDB database the way y-indexeddb then uses it", async () => {
    const board = await serve(boardDoc(1));
    openPage(board.host, "b7", "t7");
    // The database board-early.js created, before y-indexeddb ever saw it.
    const stores = await new Promise<string[]>((resolve, reject) => {
      const request = indexedDB.open("quadrant-board-b7");
      request.onsuccess = () => {
        resolve([...request.result.objectStoreNames].sort());
        request.result.close();
      };
      request.onerror = () => reject(request.error);
    });
    expect(stores).toEqual(["custom", "updates"]);

    const doc = new Y.Doc();
    const local = new IndexeddbPersistence("quadrant-board-b7", doc);
    await local.whenSynced;
    doc.getMap<string>("elements").set("kept", "offline edit");
    await local.set("marker", "custom store works");
    await local.destroy();
    const reloaded = new Y.Doc();
    const again = new IndexeddbPersistence("quadrant-board-b7", reloaded);
    await again.whenSynced;
    expect(reloaded.getMap<string>("elements").get("kept")).toBe("offline edit");
    expect(await again.get("marker")).toBe("custom store works");
    await again.destroy();
  });

  it("creates the participant id that participantId() then reads, and keeps an existing one", async () => {
    const board = await serve(boardDoc(1));
    openPage(board.host, "b6", "t6");
    const created = storage.getItem("quadrant.participant.v1");
    expect(created).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(participantId(storage)).toBe(created);
    expect(globalThis.quadrantEarlySocket?.url).toContain(`participant=${created}`);
    await closeEarly();

    openPage(board.host, "b6", "t6");
    expect(storage.getItem("quadrant.participant.v1")).toBe(created);
  });
});
