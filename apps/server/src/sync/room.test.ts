import { afterEach, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CloseCode, MessageType, PRESENCE_SUMMARY_CLIENT_ID } from "@quadrant/protocol";
import { MemoryStorage } from "../storage/memory";
import { FakeSocket } from "../../test-support/fake-socket";
import { waitFor } from "../../test-support/wait-for";
import { encodeAwareness, encodeControl, encodeSyncStep1, encodeSyncUpdate } from "./codec";
import { Connection, type ConnectionIdentity } from "./connection";
import { LocalFanout } from "./fanout/fanout";
import { silentLogger } from "./logger";
import { RoomRegistry } from "./room-registry";
import type { RoomHooks } from "./room-hooks";

const BOARD = "b".repeat(22);

function awarenessUpdate(clientId: number, clock: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  awareness.meta.set(clientId, { clock, lastUpdated: Date.now() });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return update;
}

/** The Yjs updates of the sync-update frames a socket received. */
function receivedUpdates(socket: FakeSocket): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of socket.sent) {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === 2) updates.push(decoding.readVarUint8Array(d));
  }
  return updates;
}

describe("Room with fake sockets", () => {
  const registries: RoomRegistry[] = [];
  afterEach(async () => {
    for (const r of registries.splice(0)) await r.close();
  });

  function setup(hooks: Partial<RoomHooks> = {}, maxSendQueueBytes = 1 << 20) {
    const storage = new MemoryStorage();
    const registry = new RoomRegistry({
      storage, fanout: new LocalFanout(), logger: silentLogger,
      flushIntervalMs: 5, idleUnloadMs: 60_000, compactAfterUpdates: 1000, pingIntervalMs: 3_600_000, hooks,
    });
    registries.push(registry);
    let n = 0;
    const connect = async (identity: Partial<ConnectionIdentity> = {}) => {
      const socket = new FakeSocket();
      const connection = new Connection(
        { id: `c${++n}`, boardId: BOARD, role: "editor", participant: undefined, wantsControl: false, ...identity },
        socket,
        maxSendQueueBytes,
      );
      await registry.join(connection);
      return { socket, connection };
    };
    return { storage, registry, connect };
  }

  it("applies a parked update once another instance's update brings what it needed (SS7, SS11)", async () => {
    const { storage, registry, connect } = setup();
    const a = await connect();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => updates.push(u));
    author.getText("t").insert(0, "from B ");
    author.getText("t").insert(7, "then A");
    const [viaFanout, fromClient] = updates;
    if (!viaFanout || !fromClient) throw new Error("expected two updates");

    // The client's update arrives first: it needs the other instance's text, so it is parked.
    a.connection.receive(encodeSyncUpdate(fromClient));
    await registry.flushAll();
    const room = registry.get(BOARD);
    if (!room) throw new Error("room not loaded");
    expect(room.doc.getText("t").toString()).toBe("");
    expect(a.connection.closed).toBe(false);

    // No further client traffic: the fan-out update alone must release it.
    room.handleFanout({ kind: "update", docId: BOARD, update: viaFanout });
    await waitFor(() => room.doc.getText("t").toString() === "from B then A", { message: "parked update applied" });
    await registry.flushAll();
    const stored = await storage.loadDocument(BOARD);
    const fromStorage = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(fromStorage, u);
    Y.applyUpdate(fromStorage, viaFanout); // the other instance stored that one
    expect(fromStorage.getText("t").toString()).toBe("from B then A");
  });

  it("sends sync step 1 on join, stores before broadcasting one merged update to everyone (SS1, SS3, SS4)", async () => {
    const { storage, registry, connect } = setup();
    const a = await connect();
    const b = await connect();
    expect(a.socket.sentTypes()[0]).toBe(MessageType.Sync);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) source.getMap("m").set(`k${i}`, i);
    for (const u of updates) a.connection.receive(encodeSyncUpdate(u));
    await waitFor(() => receivedUpdates(b.socket).length > 0);
    await registry.flushAll();
    // Five updates in one tick: one storage entry, one frame per connection, the same buffer.
    expect((await storage.loadDocument(BOARD)).updates).toHaveLength(1);
    expect(receivedUpdates(b.socket)).toHaveLength(1);
    const frameA = a.socket.sent.at(-1);
    expect(frameA).toBe(b.socket.sent.at(-1));
    const check = new Y.Doc();
    Y.applyUpdate(check, receivedUpdates(b.socket)[0]!);
    expect(check.getMap("m").toJSON()).toEqual(source.getMap("m").toJSON());
  });

  it("sends a tick's document update and its awareness changes to each connection in one write, the update first (SS1, SS4)", async () => {
    const { registry, connect } = setup();
    const a = await connect();
    const b = await connect();
    const d = new Y.Doc();
    d.getMap("m").set("x", 1);
    a.connection.receive(encodeAwareness(awarenessUpdate(111, 1, { pointer: { x: 1, y: 2 } })));
    a.connection.receive(encodeSyncUpdate(Y.encodeStateAsUpdate(d)));
    await registry.flushAll();
    await waitFor(() => receivedUpdates(b.socket).length > 0);
    const typeOf = (frame: Uint8Array) => decoding.readVarUint(decoding.createDecoder(frame));
    for (const { socket } of [a, b]) {
      const tick = socket.writes.at(-1)!;
      // Two websocket frames of one y-protocol message each (stock clients read one per frame), one write.
      expect(tick.map(typeOf)).toEqual([MessageType.Sync, MessageType.Awareness]);
      expect(receivedUpdates(socket)).toHaveLength(1);
    }
  });

  it("defers a joiner's sync step 2 until the pending write is durable (SS3)", async () => {
    const { registry, connect } = setup();
    const a = await connect();
    const joiner = await connect();
    const room = registry.get(BOARD)!;
    await room.applyServerChange((doc) => doc.getMap("m").set("durable", 1));
    const pending = room.applyServerChange((doc) => doc.getMap("m").set("pending", 2));
    const before = joiner.socket.sent.length;
    joiner.connection.receive(encodeSyncStep1(Uint8Array.of(0)));
    expect(joiner.socket.sent.length).toBe(before);
    await pending;
    await waitFor(() => joiner.socket.sent.length > before + 1);
    expect(a.socket.closedWith).toBeNull();
  });

  it("a connection may not set awareness for a client id another connection owns nor the summary's; its ids are removed when it closes (SS6, SS16)", async () => {
    const { registry, connect } = setup();
    const a = await connect();
    const b = await connect();
    const room = registry.get(BOARD)!;
    a.connection.receive(encodeAwareness(awarenessUpdate(111, 1, { name: "a" })));
    b.connection.receive(encodeAwareness(awarenessUpdate(111, 2, { name: "impostor" })));
    expect(room.awareness.getStates().get(111)).toEqual({ name: "a" });
    expect([...a.connection.awarenessIds]).toEqual([111]);
    b.connection.receive(encodeAwareness(awarenessUpdate(222, 1, { name: "b" })));
    expect(room.awareness.getStates().get(222)).toEqual({ name: "b" });

    // The presence summary's reserved id is nobody's: a stock client echoing the summary back changes nothing (SS16).
    b.connection.receive(encodeAwareness(awarenessUpdate(PRESENCE_SUMMARY_CLIENT_ID, 5, { presenceSummary: { people: 1, areas: [] } })));
    expect(room.awareness.getStates().has(PRESENCE_SUMMARY_CLIENT_ID)).toBe(false);
    expect([...b.connection.awarenessIds]).toEqual([222]);

    a.connection.handleSocketClosed();
    expect(room.awareness.getStates().has(111)).toBe(false);
    expect(room.awareness.getStates().has(222)).toBe(true);
  });

  it("viewers' updates are dropped by the pluggable write policy; control frames go to the hook and only to opted-in connections (SS5, SS12)", async () => {
    const frames: string[] = [];
    const { registry, connect } = setup({
      canWriteDocument: (connection) => connection.role !== "viewer" && connection.identity.participant !== "locked",
      onControlFrame: (_room, _connection, payload) => frames.push(payload),
    });
    const viewer = await connect({ role: "viewer" });
    const locked = await connect({ participant: "locked" });
    const stock = await connect();
    const ours = await connect({ wantsControl: true });
    const room = registry.get(BOARD)!;
    const d = new Y.Doc();
    d.getMap("m").set("x", 1);
    viewer.connection.receive(encodeSyncUpdate(Y.encodeStateAsUpdate(d)));
    locked.connection.receive(encodeSyncUpdate(Y.encodeStateAsUpdate(d)));
    await registry.flushAll();
    expect(room.doc.getMap("m").has("x")).toBe(false);

    ours.connection.receive(encodeControl('{"kind":"hello"}'));
    expect(frames).toEqual(['{"kind":"hello"}']);
    room.broadcastControl('{"kind":"timer"}');
    expect(ours.socket.sentTypes()).toContain(MessageType.Control);
    expect(stock.socket.sentTypes()).not.toContain(MessageType.Control);
  });

  it("closes slow consumers and dead sockets (SS8)", async () => {
    const { registry, connect } = setup({}, 1024);
    const slow = await connect();
    const fine = await connect();
    const room = registry.get(BOARD)!;
    slow.socket.bufferedAmount = 4096;
    await room.applyServerChange((doc) => doc.getMap("m").set("k", 1));
    await waitFor(() => slow.socket.closedWith !== null);
    expect(slow.socket.closedWith?.code).toBe(CloseCode.SlowConsumer);
    expect(room.connections.has(slow.connection)).toBe(false);
    expect(fine.socket.closedWith).toBeNull();

    fine.connection.checkAlive();
    expect(fine.socket.pings).toBe(1);
    fine.connection.pong();
    fine.connection.checkAlive();
    expect(fine.socket.terminated).toBe(false);
    fine.connection.checkAlive();
    expect(fine.socket.terminated).toBe(true);
    expect(room.connections.size).toBe(0);
  });
});
