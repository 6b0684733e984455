import WebSocket from "ws";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

describe("sync with stock y-websocket clients", () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  const client = (...args: Parameters<typeof stockClient>) => {
    const c = stockClient(...args);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it("two clients converge, a late joiner gets the full state, awareness comes and goes with its owner (SS1, SS6)", async () => {
    const board = await createBoard(server.url, "blank");
    const a = client(server.wsUrl, board.id, board.tokens.editor);
    const b = client(server.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([a.synced(), b.synced()]);

    a.doc.getMap("elements").set("a1", { x: 1 });
    b.doc.getMap("elements").set("b1", { x: 2 });
    await waitFor(() => a.doc.getMap("elements").size === 2 && b.doc.getMap("elements").size === 2, {
      message: "a and b converge",
    });
    expect(a.doc.getMap("elements").toJSON()).toEqual(b.doc.getMap("elements").toJSON());

    const late = client(server.wsUrl, board.id, board.tokens.viewer);
    await late.synced();
    await waitFor(() => late.doc.getMap("elements").size === 2, { message: "late joiner has full state" });
    expect(late.doc.getMap("elements").toJSON()).toEqual({ a1: { x: 1 }, b1: { x: 2 } });

    a.provider.awareness.setLocalStateField("user", { name: "Ada" });
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === "Ada", {
      message: "a's awareness at b",
    });
    await waitFor(() => late.provider.awareness.getStates().has(aId), { message: "a's awareness at late" });

    // The owner disconnects without saying goodbye (as a crashed tab would): the server removes its state.
    a.provider.shouldConnect = false;
    const socket: unknown = a.provider.ws;
    if (!(socket instanceof WebSocket)) throw new Error("provider has no ws socket");
    socket.terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { message: "a's awareness removed at b" });
  });

  it("a viewer's edits reach neither the other clients nor storage, and the viewer still receives edits (SS5)", async () => {
    const board = await createBoard(server.url, "blank");
    const editor = client(server.wsUrl, board.id, board.tokens.editor);
    const viewer = client(server.wsUrl, board.id, board.tokens.viewer);
    await Promise.all([editor.synced(), viewer.synced()]);

    viewer.doc.getMap("elements").set("from-viewer", { x: 9 });
    editor.doc.getMap("elements").set("from-editor", { x: 1 });
    await waitFor(() => viewer.doc.getMap("elements").has("from-editor"), { message: "viewer receives edits" });
    // A later editor edit is broadcast after (and flushed after) the viewer's: once it
    // has arrived, the viewer's update would have arrived too had it not been dropped.
    editor.doc.getMap("elements").set("marker", { x: 2 });
    await waitFor(() => viewer.doc.getMap("elements").has("marker"), { message: "marker at viewer" });
    await server.app.rooms.flushAll();
    expect(editor.doc.getMap("elements").has("from-viewer")).toBe(false);

    const room = server.app.rooms.get(board.id);
    expect(room?.doc.getMap("elements").has("from-viewer")).toBe(false);
    const stored = await server.storage.loadDocument(board.id);
    const reloaded = new Y.Doc();
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(reloaded, update);
    expect(reloaded.getMap("elements").has("from-editor")).toBe(true);
    expect(reloaded.getMap("elements").has("from-viewer")).toBe(false);

    // A fresh client sees the editor's edits only.
    const fresh = client(server.wsUrl, board.id, board.tokens.editor);
    await fresh.synced();
    expect(Object.keys(fresh.doc.getMap("elements").toJSON()).sort()).toEqual(["from-editor", "marker"]);
  });
});
