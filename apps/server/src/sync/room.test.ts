import { afterEach, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CloseCode, MessageType, PRESENCE_SUMMARY_CLIENT_ID } from "@quadrant/protocol";
import { MemoryStorage } from "../storage/memory";
import { FakeSocket } from "../../test-support/fake-socket";
import { waitFor } from "../../test-support/wait-for";
import { EMPTY_UPDATE, encodeAwareness, encodeControl, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from "./codec";
import { Connection, type ConnectionIdentity } from "./connection";
import { LocalFanout } from "./fanout/fanout";
import { silentLogger } from "./logger";
import { snapshotApplyGraceMs } from "./room-document";
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

/** The Yjs updates of the sync frames of one kind (1: step 2, 2: update) a socket received. */
function receivedUpdates(socket: FakeSocket, syncType = 2): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (const frame of socket.sent) {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) === MessageType.Sync && decoding.readVarUint(d) === syncType) updates.push(decoding.readVarUint8Array(d));
  }
  return updates;
}

/** The updates of the sync step 2 frames a socket received. */
const receivedStep2 = (socket: FakeSocket): Uint8Array[] => receivedUpdates(socket, 1);

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

  it("answers a joiner's own empty sync step 1 with what changed since the full state it was sent, not the whole board again (SS1)", async () => {
    const { registry, connect } = setup();
    await connect();
    const room = registry.get(BOARD)!;
    await room.applyServerChange((doc) => {
      for (let i = 0; i < 50; i++) doc.getMap("m").set(`k${i}`, "x".repeat(40));
    });
    const joiner = await connect();
    const [fullState] = receivedStep2(joiner.socket);
    expect(fullState!.byteLength).toBeGreaterThan(2000);
    // Its step 1 was sent before our full state arrived; nothing changed since: an empty update.
    joiner.connection.receive(encodeSyncStep1(Uint8Array.of(0)));
    expect(receivedStep2(joiner.socket)).toHaveLength(2);
    expect(Array.from(receivedStep2(joiner.socket)[1]!)).toEqual([0, 0]);

    // Something changed between the full state and the joiner's step 1: only that is sent.
    const late = await connect();
    await room.applyServerChange((doc) => doc.getMap("m").set("later", 1));
    late.connection.receive(encodeSyncStep1(Uint8Array.of(0)));
    const [lateFull, lateDiff] = receivedStep2(late.socket).filter((u) => u.byteLength > 2);
    expect(lateDiff!.byteLength).toBeLessThan(lateFull!.byteLength / 10);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, lateFull!);
    Y.applyUpdate(rebuilt, lateDiff!);
    expect(rebuilt.getMap("m").toJSON()).toEqual(room.doc.getMap("m").toJSON());

    // A second empty step 1 from the same connection is a fresh request: the full state again.
    joiner.connection.receive(encodeSyncStep1(Uint8Array.of(0)));
    expect(receivedStep2(joiner.socket).at(-1)!.byteLength).toBeGreaterThan(2000);
  });

  it("serves a stored snapshot to a cold joiner at once and applies it once the joiner's frames have left, or when the doc is needed (SS9a)", async () => {
    const { storage, registry } = setup();
    const source = new Y.Doc();
    for (let i = 0; i < 20; i++) source.getMap("m").set(`k${i}`, i);
    await storage.compact(BOARD, Y.encodeStateAsUpdate(source), 0);
    const join = async (bufferedAmount: number) => {
      const socket = new FakeSocket();
      socket.bufferedAmount = bufferedAmount;
      const connection = new Connection({ id: `cold${bufferedAmount}`, boardId: BOARD, role: "editor", participant: undefined, wantsControl: false }, socket, 1 << 20);
      await registry.join(connection);
      return socket;
    };

    // The joiner's frame is still queued: the room serves the snapshot but does not apply it yet.
    const slow = await join(5000);
    const room = registry.get(BOARD)!;
    const served = new Y.Doc();
    Y.applyUpdate(served, receivedStep2(slow)[0]!);
    expect(served.getMap("m").toJSON()).toEqual(source.getMap("m").toJSON());
    await new Promise((resolve) => setTimeout(resolve, 30));
    const pendingDoc = (room as unknown as { document: { ydoc: Y.Doc } }).document.ydoc;
    expect(pendingDoc.getMap("m").size).toBe(0);
    // Its queue drains: the snapshot is applied in the background.
    slow.bufferedAmount = 0;
    await waitFor(() => pendingDoc.getMap("m").size === 20, { message: "snapshot applied once sent" });

    // Unloaded again and rejoined by a slow socket: whatever needs the doc applies it at once.
    await registry.close();
    const again = setup();
    await again.storage.compact(BOARD, Y.encodeStateAsUpdate(source), 0);
    const socket = new FakeSocket();
    socket.bufferedAmount = 5000;
    await again.registry.join(new Connection({ id: "c", boardId: BOARD, role: "editor", participant: undefined, wantsControl: false }, socket, 1 << 20));
    const coldRoom = again.registry.get(BOARD)!;
    expect(coldRoom.doc.getMap("m").size).toBe(20);
  });

  it("a big served snapshot waits while the joiner applies its copy, and the joiner's empty step 2 does not make the room apply it (SS9a)", async () => {
    const { storage, registry } = setup();
    const source = new Y.Doc();
    for (let i = 0; i < 2600; i++) source.getMap("m").set(`k${i}`, "x".repeat(1000));
    const snapshot = Y.encodeStateAsUpdate(source);
    await storage.compact(BOARD, snapshot, 0);
    // Over 2.5 MB: the whole second a snapshot may wait.
    expect(snapshotApplyGraceMs(snapshot.byteLength)).toBe(1000);
    const socket = new FakeSocket();
    const connection = new Connection({ id: "fresh", boardId: BOARD, role: "editor", participant: undefined, wantsControl: false }, socket, 1 << 22);
    await registry.join(connection);
    const room = registry.get(BOARD)!;
    const pendingDoc = (room as unknown as { document: { ydoc: Y.Doc } }).document.ydoc;

    // What a stock client answers our step 1 with when its doc is empty: no structs, no deletes.
    connection.receive(encodeSyncStep2(EMPTY_UPDATE));
    connection.receive(encodeSyncStep1(Uint8Array.of(0)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The frame left at once (nothing queued), yet the room has not applied the snapshot.
    expect(receivedStep2(socket)[0]!.byteLength).toBe(snapshot.byteLength);
    expect(pendingDoc.getMap("m").size).toBe(0);
    // Whatever needs the doc still applies it at once.
    expect(room.doc.getMap("m").size).toBe(2600);
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

  it("a tick's awareness is the one message that made it, as received, else encoded from the states the room holds (SS4, SS6)", async () => {
    const { registry, connect } = setup();
    const a = await connect();
    const b = await connect();
    const awarenessFrames = (socket: FakeSocket) =>
      socket.sent.filter((frame) => frame[0] === MessageType.Awareness).map((frame) => {
        const d = decoding.createDecoder(frame);
        decoding.readVarUint(d);
        return decoding.readVarUint8Array(d);
      });
    /** An awareness update whose JSON text is the client's own (spaces a re-encode would drop). */
    const rawUpdate = (entries: Array<[clientId: number, clock: number, json: string]>) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, entries.length);
      for (const [clientId, clock, json] of entries) {
        encoding.writeVarUint(e, clientId);
        encoding.writeVarUint(e, clock);
        encoding.writeVarString(e, json);
      }
      return encoding.toUint8Array(e);
    };

    const first = rawUpdate([[111, 1, '{ "name": "a" }']]);
    a.connection.receive(encodeAwareness(first));
    await waitFor(() => awarenessFrames(b.socket).length === 1);
    expect(awarenessFrames(b.socket)[0]).toEqual(first);

    // A stale entry (clock 1 again) beside a fresh one: only the fresh state may go out, encoded.
    a.connection.receive(encodeAwareness(rawUpdate([[111, 1, '{ "name": "stale" }'], [112, 1, '{ "name": "a2" }']])));
    await waitFor(() => awarenessFrames(b.socket).length === 2);
    const decoded = awarenessFrames(b.socket)[1]!;
    expect(decoded).not.toEqual(rawUpdate([[111, 1, '{ "name": "stale" }'], [112, 1, '{ "name": "a2" }']]));
    const peer = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(peer, decoded, null);
    expect(peer.getStates().get(112)).toEqual({ name: "a2" });
    expect(peer.getStates().has(111)).toBe(false);
    peer.destroy();
    expect(registry.get(BOARD)!.awareness.getStates().get(111)).toEqual({ name: "a" });
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
