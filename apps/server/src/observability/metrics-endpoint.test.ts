import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

/** GET /metrics on a real server, fed by a stock client and a misbehaving socket. */
describe("GET /metrics", () => {
  let server: TestServer | null = null;
  const clients: StockClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    server = null;
  });

  async function scrape(url: string): Promise<string> {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  }
  function value(text: string, series: string): number {
    const line = text.split("\n").find((entry) => entry.startsWith(`${series} `));
    return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
  }

  it("counts connections, boards, traffic, storage writes and rejected frames", async () => {
    server = await startTestServer({ storage: "sqlite" });
    const { url, wsUrl } = server;
    const board = await createBoard(url);
    const client = stockClient(wsUrl, board.id, board.tokens.editor);
    clients.push(client);
    await client.synced();
    client.doc.getArray<string>("notes").push(["Big bet"]);

    await waitFor(async () => value(await scrape(url), "quadrant_storage_write_seconds_count") >= 1, {
      message: "a timed storage write",
    });
    const text = await scrape(url);
    expect(value(text, "quadrant_open_connections")).toBe(1);
    expect(value(text, "quadrant_loaded_boards")).toBe(1);
    expect(value(text, 'quadrant_ws_messages_total{direction="in"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'quadrant_ws_messages_total{direction="out"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'quadrant_ws_bytes_total{direction="in"}')).toBeGreaterThan(10);
    expect(value(text, "quadrant_redis_publish_failures_total")).toBe(0);
    expect(text).toContain("process_resident_memory_bytes");

    // A frame that is no y-protocol message: the connection is closed and the rejection counted.
    const raw = new WebSocket(`${wsUrl}/${board.id}?token=${board.tokens.editor}`);
    await new Promise((resolve) => raw.once("open", resolve));
    const closed = new Promise<number>((resolve) => raw.once("close", (code) => resolve(code)));
    raw.send(Uint8Array.of(0xff, 0xff, 0xff));
    expect(await closed).toBe(4400);
    const after = await scrape(url);
    expect(after).toMatch(/^quadrant_rejected_frames_total\{reason="[^"]+"\} 1$/m);
    await waitFor(async () => value(await scrape(url), "quadrant_open_connections") === 1, {
      message: "the closed socket leaves the gauge",
    });
  });
});
