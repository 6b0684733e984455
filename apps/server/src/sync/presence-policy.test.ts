import { afterEach, describe, expect, it } from "vitest";
import { PRESENCE_SUMMARY_CLIENT_ID, PresenceSummary } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { FULL_PRESENCE_MAX_CONNECTIONS, MAX_NEAR_PEERS, PRESENCE_CELL, PresencePolicy, positionOf } from "./presence-policy";

/** The pointers (by awareness client id) a client holds, its own excluded. */
function pointersSeenBy(client: StockClient): Map<number, { x: number; y: number }> {
  const seen = new Map<number, { x: number; y: number }>();
  client.provider.awareness.getStates().forEach((state, id) => {
    const position = positionOf(state);
    if (id !== client.doc.clientID && position) seen.set(id, position);
  });
  return seen;
}

describe("presence in big rooms (SS16), real sockets", () => {
  let server: TestServer | null = null;
  const clients: StockClient[] = [];
  // 110 real clients: generous hook and wait budgets for a loaded machine (nothing here is timed).
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  }, 120_000);
  const patiently = { timeoutMs: 60_000 };

  it("relays cursors near you and the active editors' to everyone, summarises the rest", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url, "blank");
    // A room past the threshold: a small group at the origin, a crowd far away on the canvas.
    const nearGroup = 12;
    const total = FULL_PRESENCE_MAX_CONNECTIONS + 10;
    for (let i = 0; i < total; i++) clients.push(stockClient(server.wsUrl, board.id, board.tokens.editor));
    await waitFor(() => clients.every((c) => c.provider.synced), { ...patiently, message: "every client synced" });
    const room = server.app.rooms.get(board.id)!;
    await waitFor(() => room.connections.size === total, { ...patiently, message: "everyone connected" });

    const near = clients.slice(0, nearGroup);
    const far = clients.slice(nearGroup);
    const user = (i: number) => ({ name: `p${i}`, color: "#1e88e5", role: "editor" });
    far.forEach((c, i) => c.provider.awareness.setLocalState({ user: user(i), pointer: { x: 50 * PRESENCE_CELL + i, y: 50 * PRESENCE_CELL } }));
    near.forEach((c, i) => c.provider.awareness.setLocalState({ user: user(i), pointer: { x: 10 + i, y: 10 } }));
    await waitFor(() => [...room.awareness.getStates().values()].filter((s) => positionOf(s) !== null).length === total, { ...patiently, message: "every pointer placed" });

    // One far person edits: from then on everyone gets their cursor.
    const editor = far[far.length - 1]!;
    editor.doc.getMap("elements").set("note", { x: 1 });
    const watcher = near[0]!;
    await waitFor(() => watcher.doc.getMap("elements").has("note"), { ...patiently, message: "edit relayed" });
    editor.provider.awareness.setLocalStateField("pointer", { x: 50 * PRESENCE_CELL + 500, y: 50 * PRESENCE_CELL + 500 });
    await waitFor(() => pointersSeenBy(watcher).get(editor.doc.clientID)?.x === 50 * PRESENCE_CELL + 500, { ...patiently, message: "the active editor's cursor reaches a far watcher" });
    // Every near person's cursor reached the watcher ...
    await waitFor(() => near.slice(1).every((c) => pointersSeenBy(watcher).has(c.doc.clientID)), { ...patiently, message: "near cursors" });
    // ... and no far cursor but the editor's: those states were placed before the editor moved,
    // and the room sends in order, so anything still to come would have come by now.
    const farIds = new Set(far.map((c) => c.doc.clientID));
    const farSeen = [...pointersSeenBy(watcher).keys()].filter((id) => farIds.has(id));
    expect(farSeen).toEqual([editor.doc.clientID]);
    // A far person sees their own neighbourhood (up to MAX_NEAR_PEERS) and the editor, never the near group.
    const farWatcher = far[0]!;
    await waitFor(() => pointersSeenBy(farWatcher).get(editor.doc.clientID)?.x === 50 * PRESENCE_CELL + 500, { ...patiently, message: "editor seen far away" });
    const nearIds = new Set(near.map((c) => c.doc.clientID));
    expect([...pointersSeenBy(farWatcher).keys()].filter((id) => nearIds.has(id))).toEqual([]);
    expect(pointersSeenBy(farWatcher).size).toBeLessThanOrEqual(MAX_NEAR_PEERS + 1);

    // The rest are summarised: the head count and the busiest areas, under the reserved client id.
    await waitFor(() => watcher.provider.awareness.getStates().has(PRESENCE_SUMMARY_CLIENT_ID), { ...patiently, message: "summary state" });
    const summary = PresenceSummary.parse(watcher.provider.awareness.getStates().get(PRESENCE_SUMMARY_CLIENT_ID));
    expect(summary.presenceSummary.people).toBe(total);
    expect(summary.presenceSummary.areas[0]).toMatchObject({ people: far.length });
  }, 60_000);

  it("a small room relays every cursor to everyone (SS16)", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url, "blank");
    const group = Array.from({ length: 3 }, () => stockClient(server!.wsUrl, board.id, board.tokens.editor));
    clients.push(...group);
    await Promise.all(group.map((c) => c.synced()));
    group.forEach((c, i) => c.provider.awareness.setLocalState({ user: { name: `p${i}` }, pointer: { x: i * 100 * PRESENCE_CELL, y: 0 } }));
    await waitFor(() => group.every((c) => pointersSeenBy(c).size === 2), { message: "every cursor everywhere" });
  });
});

describe("PresencePolicy (SS16)", () => {
  it("keeps a neighbourhood to its first MAX_NEAR_PEERS arrivals and the editors to the most recent", () => {
    const policy = new PresencePolicy();
    for (let id = 1; id <= MAX_NEAR_PEERS + 20; id++) policy.place(id, { pointer: { x: id, y: 0 } });
    const fakeConnection = { awarenessIds: new Set([1]) } as unknown as Parameters<PresencePolicy["visibleTo"]>[0];
    const visible = policy.visibleTo(fakeConnection, 0);
    expect(visible).toHaveLength(MAX_NEAR_PEERS);
    expect(visible).toEqual(Array.from({ length: MAX_NEAR_PEERS }, (_, i) => i + 1));
    // Positionless and departed states leave the map.
    policy.place(1, { user: {} });
    policy.place(2, null);
    expect(policy.visibleTo({ awarenessIds: new Set([3]) } as never, 0)).not.toContain(1);
    expect(policy.visibleTo({ awarenessIds: new Set([3]) } as never, 0)).not.toContain(2);
  });
});
