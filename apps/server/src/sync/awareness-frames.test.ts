import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { AwarenessEntries } from "./awareness-frames";
import { encodeAwareness } from "./codec";

describe("AwarenessEntries (SS16: a big room encodes each changed state once per tick)", () => {
  it("builds the same bytes as y-protocols, for present, departed and large-clock clients", () => {
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    server.setLocalState(null);
    // Real clients' updates, applied as the server applies them.
    for (const [clientId, clock, state] of [
      [7, 1, { user: { name: "Åsa 🎨" }, pointer: { x: 1.5, y: -2 } }],
      [300, 200, { viewport: { cx: 10, cy: 20 } }],
      [2 ** 31 + 5, 70_000, { user: { name: "x".repeat(200) } }],
      [9, 3, { pointer: { x: 0, y: 0 } }],
    ] as const) {
      const peer = new awarenessProtocol.Awareness(new Y.Doc());
      peer.clientID = clientId;
      peer.setLocalState(state);
      peer.meta.set(clientId, { clock, lastUpdated: 0 });
      awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(peer, [clientId]), "test");
      peer.destroy();
    }
    awarenessProtocol.removeAwarenessStates(server, [9], "test");
    const entries = new AwarenessEntries(server.getStates(), server.meta);
    for (const ids of [[7], [300, 7], [2 ** 31 + 5, 9, 300, 7], [9]]) {
      expect(entries.frame(ids)).toEqual(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(server, ids)));
      expect(entries.update(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(server, ids));
    }
    // Past 127 bytes and past 127 entries, lengths and counts take two bytes.
    const many = Array.from({ length: 130 }, (_, i) => [7, 300, 2 ** 31 + 5, 9][i % 4]!);
    expect(entries.frame(many)).toEqual(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(server, many)));
    expect(entries.update(many)).toEqual(awarenessProtocol.encodeAwarenessUpdate(server, many));
    server.destroy();
  });
});
