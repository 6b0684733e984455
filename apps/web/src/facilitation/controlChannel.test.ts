import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { initialState, viewFor } from "@quadrant/facilitation";
import { decodeControlFrame } from "@quadrant/protocol";
import { ControlChannel, type UnsavedChanges, helloName } from "./controlChannel";

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

describe("ControlChannel hello (who took part)", () => {
  /** Makes the provider look connected, with a socket that records what is sent. */
  function connected(provider: WebsocketProvider): unknown[] {
    const sent: unknown[] = [];
    const socket = { readyState: 1, send: (data: Uint8Array) => sent.push(decodeControlFrame(data)), close: () => undefined };
    Object.assign(provider, { ws: socket, wsconnected: true });
    return sent;
  }
  const view = JSON.stringify({ type: "view", view: viewFor(initialState(), "me-participant-0001", "viewer", 1) });
  const hellos = (sent: unknown[]) =>
    sent.map((m) => (m as { command: { type: string; name?: string } }).command).filter((c) => c.type === "presence.hello").map((c) => c.name);

  it("says the name once the first view arrives, again on a rename, and again after a reconnect", () => {
    const { control, provider } = channel();
    const sent = connected(provider);
    control.introduce("Ada");
    expect(hellos(sent)).toEqual([]);
    control.receive(view);
    control.receive(view);
    expect(hellos(sent)).toEqual(["Ada"]);
    control.introduce("Ada");
    control.introduce("Ada L.");
    expect(hellos(sent)).toEqual(["Ada", "Ada L."]);
    provider.emit("status", [{ status: "disconnected" }]);
    control.introduce("Ada Lovelace");
    expect(hellos(sent)).toEqual(["Ada", "Ada L."]);
    control.receive(view);
    expect(hellos(sent)).toEqual(["Ada", "Ada L.", "Ada Lovelace"]);
  });

  it("never sends a name the server would refuse", () => {
    const { control, provider } = channel();
    const sent = connected(provider);
    control.receive(view);
    control.introduce("   ");
    expect(hellos(sent)).toEqual([]);
  });

  it("cleans names: control characters become spaces, at most 80 UTF-16 units without splitting a character", () => {
    expect(helloName("  Eve\u0007\nAdams ")).toBe("Eve Adams");
    expect(helloName("\u0000\t")).toBeNull();
    expect(helloName("x".repeat(100))).toBe("x".repeat(80));
    const long = `${"x".repeat(79)}😀`;
    expect(helloName(long)).toBe("x".repeat(79));
  });
});
