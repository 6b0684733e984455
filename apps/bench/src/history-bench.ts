import os from "node:os";
import path from "node:path";
import { rmSync } from "node:fs";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { BoardCreated, HistoryEntry, HistoryRestored } from "@quadrant/protocol";
import { element, ELEMENTS_ROOT } from "./load/bigboard";
import { sleep } from "./load/clock";
import { freshDir, startOurs, stopServer } from "./servers";
import { median } from "./stats";

/**
 * Board history figures (docs/benchmarks.md, "Board history"): the bytes one snapshot of a
 * 2,000-element board takes in storage, and how long a restore in place takes, from the
 * facilitator's request until a second connected client holds the restored board.
 * `pnpm --filter @quadrant/bench bench:history [elements] [rounds]`.
 */
const ELEMENTS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 5);

function client(port: number, boardId: string, token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Every element at the position `offset` puts it (0: as built). */
function allAt(doc: Y.Doc, offset: number): boolean {
  const elements = doc.getMap<Record<string, unknown>>(ELEMENTS_ROOT);
  if (elements.size < ELEMENTS) return false;
  for (let i = 0; i < ELEMENTS; i++) {
    const e = elements.get(`el-${i}`);
    if (!e || e["x"] !== (i % 100) * 40 + 1 + offset) return false;
  }
  return true;
}

async function main(): Promise<void> {
  const dataDir = freshDir("quadrant-history-bench-");
  const server = await startOurs({ runtime: "dist", storage: "sqlite", dataDir, flushIntervalMs: null, idleUnloadMs: null, compactAfterUpdates: null, cpuProfDir: null }, dataDir);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const created = await fetch(`${base}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "History bench", template: "blank" }) });
    const board = BoardCreated.parse(await created.json());
    const auth = { authorization: `Bearer ${board.tokens.facilitator}` };
    const facilitator = client(server.port, board.id, board.tokens.facilitator);
    const watcher = client(server.port, board.id, board.tokens.editor);
    await until(() => facilitator.provider.synced && watcher.provider.synced, "sync");
    const elements = facilitator.doc.getMap<Record<string, unknown>>(ELEMENTS_ROOT);
    facilitator.doc.transact(() => {
      for (let i = 0; i < ELEMENTS; i++) elements.set(`el-${i}`, element(i, 1));
    });
    await until(() => allAt(watcher.doc, 0), "the board on the second client");

    const post = async <T>(schema: { parse(v: unknown): T }, url: string, body?: unknown): Promise<{ value: T; ms: number }> => {
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      const value = schema.parse(await response.json());
      return { value, ms: performance.now() - started };
    };
    const checkpoint = await post(HistoryEntry, `${base}/api/boards/${board.id}/history/checkpoints`, { label: "baseline" });

    const requestMs: number[] = [];
    const convergeMs: number[] = [];
    let beforeRestoreBytes = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      // Wreck every element (the worst case: the restore rewrites all of them).
      facilitator.doc.transact(() => {
        for (let i = 0; i < ELEMENTS; i++) {
          const e = elements.get(`el-${i}`)!;
          elements.set(`el-${i}`, { ...e, x: Number(e["x"]) + 500, version: Number(e["version"]) + 1 });
        }
      });
      await until(() => allAt(watcher.doc, 500), "the wreck on the second client");
      const started = performance.now();
      const restored = await post(HistoryRestored, `${base}/api/boards/${board.id}/history/${checkpoint.value.id}/restore`);
      requestMs.push(restored.ms);
      await until(() => allAt(watcher.doc, 0), "the restore on the second client");
      convergeMs.push(performance.now() - started);
      beforeRestoreBytes = restored.value.saved.byteSize;
    }
    facilitator.provider.destroy();
    watcher.provider.destroy();

    const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
    console.log(`Board history, ${ELEMENTS} elements, SQLite, ${ROUNDS} restores; ${os.cpus().length} cores, load average ${load}`);
    console.log(`  checkpoint request            ${checkpoint.ms.toFixed(0)} ms`);
    console.log(`  bytes per snapshot            ${checkpoint.value.byteSize} (${(checkpoint.value.byteSize / ELEMENTS).toFixed(0)} per element)`);
    console.log(`  bytes, "before restore" one   ${beforeRestoreBytes}`);
    console.log(`  restore request (median)      ${median(requestMs).toFixed(0)} ms  [${requestMs.map((v) => v.toFixed(0)).join(", ")}]`);
    console.log(`  request → 2nd client restored ${median(convergeMs).toFixed(0)} ms  [${convergeMs.map((v) => v.toFixed(0)).join(", ")}]`);
  } finally {
    await stopServer(server);
    rmSync(path.resolve(dataDir), { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
