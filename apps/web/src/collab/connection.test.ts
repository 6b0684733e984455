import { afterEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import { CloseCode } from "@quadrant/protocol";
import { BoardConnection } from "./connection";
import type { Scheduler } from "./elementBinding";

/** Records every retry delay the connection asks for and runs the retry at once. */
class RecordingScheduler implements Scheduler {
  delays: number[] = [];
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, ms: number): () => void {
    this.delays.push(ms);
    const handle = setTimeout(fn, 0);
    return () => clearTimeout(handle);
  }
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real websocket server on port 0 that closes every socket it accepts with `code`. */
async function closingServer(code: number): Promise<{ url: string; accepted: () => number }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  let accepted = 0;
  wss.on("connection", (socket) => {
    accepted++;
    socket.close(code, "test");
  });
  server = http;
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  http.on("close", () => wss.close());
  return { url: `ws://127.0.0.1:${port}/ws`, accepted: () => accepted };
}

function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() - start > ms) reject(new Error("timed out"));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

describe("BoardConnection", () => {
  it("reconnects through its own jittered backoff, not the provider's fixed one", async () => {
    const { url, accepted } = await closingServer(1011);
    const scheduler = new RecordingScheduler();
    const randoms = [0.5, 0.25, 0.75, 0.1];
    let i = 0;
    const connection = new BoardConnection({
      doc: new Y.Doc(),
      wsUrl: url,
      boardId: "b",
      token: "t",
      random: () => randoms[i++ % randoms.length] ?? 0.5,
      scheduler,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const statuses: string[] = [];
    connection.subscribe((status) => statuses.push(status));
    await waitFor(() => accepted() >= 4);
    connection.destroy();
    // attempt n waits random × min(10 s, 300 ms × 2^n)
    expect(scheduler.delays.slice(0, 3)).toEqual([150, 150, 900]);
    expect(statuses).toContain("reconnecting");
  });

  it("stops for good on a terminal close code and reports it", async () => {
    const { url, accepted } = await closingServer(CloseCode.BoardDeleted);
    const scheduler = new RecordingScheduler();
    const codes: number[] = [];
    const connection = new BoardConnection({
      doc: new Y.Doc(),
      wsUrl: url,
      boardId: "b",
      token: "t",
      scheduler,
      onTerminal: (code) => codes.push(code),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    await waitFor(() => codes.length > 0);
    await new Promise((r) => setTimeout(r, 400));
    connection.destroy();
    expect(codes).toEqual([CloseCode.BoardDeleted]);
    expect(accepted()).toBe(1);
    expect(scheduler.delays).toEqual([]);
  });
});
