import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "@quadrant/protocol";
import { encodeAwareness, encodeSyncUpdate } from "./codec";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { seededRandom } from "../../test-support/frame-fuzzer";
import { waitFor } from "../../test-support/wait-for";

interface Case {
  name: string;
  frame: Uint8Array | string;
  expectCode: number;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function generateCases(validUpdate: Uint8Array, maxFrameBytes: number): Case[] {
  const random = seededRandom(20261122);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const cases: Case[] = [];
  const malformed = (name: string, f: Uint8Array | string) => cases.push({ name, frame: f, expectCode: CloseCode.MalformedMessage });

  malformed("empty frame", new Uint8Array());
  malformed("text frame", "hello");
  for (let i = 0; i < 60; i++) {
    // Unknown message types, with random payloads.
    let type = 4 + int(200);
    if (type === 100) type = 101;
    malformed(`unknown type ${type}`, frame((e) => { encoding.writeVarUint(e, type); encoding.writeUint8Array(e, bytes(int(40))); }));
  }
  for (let i = 0; i < 30; i++) {
    // Truncated varints: continuation bit set on the last byte.
    const prefix = [[], [0], [0, 2], [1], [0, 0]][i % 5] ?? [];
    malformed(`truncated varint after [${prefix.join(",")}]`, Uint8Array.from([...prefix, ...Array.from({ length: 1 + int(4) }, () => 0x80 | int(128))]));
  }
  for (let i = 0; i < 40; i++) {
    // Declared lengths past the end of the frame.
    const type = [0, 1, 100][i % 3] ?? 0;
    malformed(`length past the end (type ${type})`, frame((e) => {
      encoding.writeVarUint(e, type);
      if (type === 0) encoding.writeVarUint(e, int(3));
      encoding.writeVarUint(e, 50 + int(100_000));
      encoding.writeUint8Array(e, bytes(int(40)));
    }));
  }
  for (let i = 0; i < 10; i++) {
    malformed(`unknown sync step`, frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 3 + int(100)); encoding.writeVarUint8Array(e, bytes(4)); }));
  }
  for (let i = 0; i < 60; i++) {
    // A valid update truncated (with a consistent length prefix): Yjs cannot read it.
    const cut = 1 + int(validUpdate.byteLength - 2);
    malformed(`truncated update (${cut} of ${validUpdate.byteLength} bytes)`, encodeSyncUpdate(validUpdate.slice(0, cut)));
  }
  let garbage = 0;
  for (let i = 0; garbage < 60 && i < 10_000; i++) {
    // Random update payloads that Yjs cannot decode (the oracle only picks the cases).
    const payload = bytes(2 + int(60));
    try {
      Y.decodeUpdate(payload);
      continue;
    } catch {
      garbage++;
      malformed(`garbage update #${garbage}`, i % 2 ? encodeSyncUpdate(payload) : frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, payload); }));
    }
  }
  for (let i = 0; i < 20; i++) {
    malformed("trailing bytes after a valid update", Uint8Array.from([...encodeSyncUpdate(validUpdate), ...bytes(1 + int(8))]));
  }
  for (let i = 0; i < 20; i++) {
    malformed("awareness with invalid JSON", encodeAwareness(frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1 + int(1000));
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, `{"user": ${"[".repeat(1 + int(5))}`);
    })));
  }
  for (let i = 0; i < 20; i++) {
    malformed("awareness with an absurd entry count", encodeAwareness(frame((e) => { encoding.writeVarUint(e, 1_000_000 + int(1000)); })));
  }
  cases.push({ name: "oversized frame", frame: new Uint8Array(maxFrameBytes + 1), expectCode: CloseCode.MessageTooBig });
  return cases;
}

function sendAndAwaitClose(url: string, data: Uint8Array | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on("open", () => socket.send(data, { binary: typeof data !== "string" }));
    socket.on("close", (code) => resolve(code));
    socket.on("error", (error) => {
      // ws reports the server's 1009 close as an error on some paths; the close event follows.
      if (!/closed|1009|ECONNRESET/i.test(error.message)) reject(error);
    });
  });
}

describe("malformed frames", () => {
  let server: TestServer;
  const clients: StockClient[] = [];
  beforeAll(async () => {
    server = await startTestServer({ maxFrameBytes: 64 * 1024 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
  });

  it("close only the offending connection; the server stays up, the document is unchanged, other clients notice nothing", async () => {
    const board = await createBoard(server.url, "blank");
    const a = stockClient(server.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(server.wsUrl, board.id, board.tokens.editor);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getMap("elements").set("n1", { text: "before" });
    await waitFor(() => b.doc.getMap("elements").has("n1"), { message: "initial edit at b" });
    await server.app.rooms.flushAll();

    let bDisconnects = 0;
    b.provider.on("status", ({ status }: { status: string }) => {
      if (status === "disconnected") bDisconnects++;
    });
    const room = server.app.rooms.get(board.id);
    if (!room) throw new Error("room not loaded");
    const stateBefore = Y.encodeStateAsUpdate(room.doc);
    const bBefore = Y.encodeStateAsUpdate(b.doc);

    const donor = new Y.Doc();
    donor.getMap("elements").set("evil", { text: "x".repeat(50) });
    const cases = generateCases(Y.encodeStateAsUpdate(donor), server.config.maxFrameBytes);
    expect(cases.length).toBeGreaterThanOrEqual(300);

    const url = `${server.wsUrl}/${board.id}?token=${board.tokens.editor}`;
    const failures: string[] = [];
    for (let i = 0; i < cases.length; i += 25) {
      const chunk = cases.slice(i, i + 25);
      const codes = await Promise.all(chunk.map((c) => sendAndAwaitClose(url, c.frame)));
      codes.forEach((code, j) => {
        const c = chunk[j];
        if (c && code !== c.expectCode) failures.push(`${c.name}: closed with ${code}, expected ${c.expectCode}`);
      });
    }
    expect(failures).toEqual([]);

    await server.app.rooms.flushAll();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(Buffer.from(Y.encodeStateAsUpdate(room.doc))).toEqual(Buffer.from(stateBefore));
    expect(Buffer.from(Y.encodeStateAsUpdate(b.doc))).toEqual(Buffer.from(bBefore));
    expect(bDisconnects).toBe(0);
    expect(room.connections.size).toBe(2);

    a.doc.getMap("elements").set("n2", { text: "after" });
    await waitFor(() => b.doc.getMap("elements").has("n2"), { message: "edits still flow" });
    expect(b.doc.getMap("elements").has("evil")).toBe(false);
  });
});
