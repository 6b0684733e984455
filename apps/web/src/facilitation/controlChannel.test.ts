import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { ControlChannel, type UnsavedChanges } from "./controlChannel";

const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
});

function channel(): { control: ControlChannel; provider: WebsocketProvider; seen: (UnsavedChanges | null)[] } {
  // Never connects: the test feeds control payloads and status events directly.
  const provider = new WebsocketProvider("ws://127.0.0.1:9/ws", "board", new Y.Doc(), {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  providers.push(provider);
  const control = new ControlChannel(provider);
  const seen: (UnsavedChanges | null)[] = [];
  control.onSaveStatus((unsaved) => seen.push(unsaved));
  return { control, provider, seen };
}

describe("ControlChannel save status", () => {
  it("reports unsaved changes until the server says they are saved", () => {
    const { control, seen } = channel();
    control.receive(JSON.stringify({ type: "save-status", saved: false, since: 1_700_000_000_000, retrying: true }));
    expect(control.unsavedChanges).toEqual({ since: 1_700_000_000_000, retrying: true });
    control.receive(JSON.stringify({ type: "save-status", saved: true }));
    expect(control.unsavedChanges).toBeNull();
    expect(seen).toEqual([{ since: 1_700_000_000_000, retrying: true }, null]);
  });

  it("forgets the report when the socket drops (a still-failing server repeats it on rejoin)", () => {
    const { control, provider, seen } = channel();
    control.receive(JSON.stringify({ type: "save-status", saved: false, since: 5, retrying: true }));
    provider.emit("status", [{ status: "disconnected" }]);
    expect(control.unsavedChanges).toBeNull();
    expect(seen).toEqual([{ since: 5, retrying: true }, null]);
  });

  it("ignores malformed save-status payloads", () => {
    const { control, seen } = channel();
    control.receive(JSON.stringify({ type: "save-status", saved: false }));
    control.receive("not json");
    expect(control.unsavedChanges).toBeNull();
    expect(seen).toEqual([]);
  });
});
