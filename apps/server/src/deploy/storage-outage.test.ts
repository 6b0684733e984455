import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MessageType } from "@quadrant/protocol";
import { PostgresStorage } from "../storage/postgres";
import { SqliteStorage } from "../storage/sqlite";
import type { Storage } from "../storage/storage";
import { createBoard } from "../../test-support/create-board";
import { adminSql, postgresAvailable, TEST_DATABASE_URL } from "../../test-support/external-services";
import { startFailoverProxy, type FailoverProxy } from "../../test-support/failover-proxy";
import { recordFrameTypes, saveStatusClient, type FrameTypeRecorder } from "../../test-support/save-status-client";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

/**
 * Issue #8, faults: storage writes fail for real (no mocked storage) while
 * clients keep editing. The server keeps serving from memory, retries, answers
 * /readyz 503, tells opted-in clients their changes are not saved yet, and
 * writes everything once storage is back (SS9).
 */

const ReadyBody = z.object({ status: z.string(), checks: z.record(z.string(), z.string()) });

async function readyz(url: string): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, checks: ReadyBody.parse(await response.json()).checks };
}

/** Every client sets its own keys (`name-n`) every few ms until stopped. */
function keepEditing(clients: Record<string, StockClient>, everyMs = 5) {
  const made = new Map<string, number>(Object.keys(clients).map((name) => [name, 0]));
  let running = true;
  const loops = Object.entries(clients).map(async ([name, client]) => {
    const elements = client.doc.getMap<number>("elements");
    while (running) {
      const n = made.get(name)!;
      elements.set(`${name}-${n}`, n);
      made.set(name, n + 1);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  });
  return {
    made,
    /** Keys every client has made so far. */
    keys: () => [...made].flatMap(([name, count]) => Array.from({ length: count }, (_, n) => `${name}-${n}`)),
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

function storedKeys(stored: Awaited<ReturnType<Storage["loadDocument"]>>): Set<string> {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const keys = new Set(doc.getMap("elements").keys());
  doc.destroy();
  return keys;
}

function missing(expected: readonly string[], present: ReadonlySet<string> | Y.Map<unknown>): string[] {
  return expected.filter((key) => !present.has(key));
}

const PATIENT_MS = 20_000;

const pgAvailable = await postgresAvailable();
const schema = `quadrant_outage_${randomBytes(6).toString("hex")}`;

describe("storage outage", () => {
  const clients: StockClient[] = [];
  const recorders: FrameTypeRecorder[] = [];
  const proxies: FailoverProxy[] = [];
  const servers: TestServer[] = [];
  const processes: ServerProcess[] = [];
  const dirs: string[] = [];
  /**
   * A board with an opted-in editor (a, sees save-status), a stock editor (b) and a
   * stock viewer recording frame types, the two editors editing continuously.
   */
  async function startEditing(server: { url: string; wsUrl: string }, phase: string) {
    const board = await createBoard(server.url);
    const a = saveStatusClient(server.wsUrl, board.id, board.tokens.editor);
    const b = stockClient(server.wsUrl, board.id, board.tokens.editor);
    clients.push(a, b);
    const stock = await recordFrameTypes(server.wsUrl, board.id, board.tokens.viewer);
    recorders.push(stock);
    await Promise.all([a.synced(), b.synced()]);
    const editing = keepEditing({ a, b });
    await waitFor(() => b.doc.getMap("elements").has("a-20"), { message: `edits flow ${phase}` });
    return { board, a, b, stock, editing };
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const recorder of recorders.splice(0)) recorder.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(processes.splice(0).map((server) => server.kill9()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  describe.runIf(pgAvailable)("Postgres connection cut (through a TCP proxy)", () => {
    beforeAll(() => adminSql(`CREATE SCHEMA ${schema}`));
    afterAll(() => adminSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

    it("keeps serving from memory, reports unsaved, and writes everything once Postgres is reachable again (SS9)", async () => {
      let proxy = await startFailoverProxy([TEST_DATABASE_URL]);
      proxies.push(proxy);
      const proxyPort = Number(new URL(proxy.url).port);
      const viaProxy = new URL(TEST_DATABASE_URL);
      viaProxy.host = `127.0.0.1:${proxyPort}`;
      const poolErrors: Error[] = [];
      const storage = await PostgresStorage.open(viaProxy.toString(), { schema, onError: (error) => poolErrors.push(error) });
      const server = await startTestServer({}, { storage });
      servers.push(server);

      const { board, a, b, stock, editing } = await startEditing(server, "before the cut");

      // Cut every connection to Postgres (in-flight transactions included) and refuse new ones.
      await proxy.close();
      proxies.length = 0;
      const cutAt = { a: editing.made.get("a")!, b: editing.made.get("b")! };

      const failing = await waitFor(
        async () => {
          const ready = await readyz(server.url);
          return ready.status === 503 && ready.checks.writes !== "ok" ? ready : null;
        },
        { timeoutMs: PATIENT_MS, message: "/readyz 503 with failing writes" },
      );
      expect(failing?.checks.writes).toMatch(/^failing: /);
      expect(failing?.checks.storage).not.toBe("ok");
      await waitFor(() => a.latest()?.saved === false, { message: "saved:false to the opted-in client" });
      const unsaved = a.latest();
      expect(unsaved).toMatchObject({ type: "save-status", saved: false, retrying: true });

      // Still serving: the process is alive and presence keeps flowing between the editors.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      a.provider.awareness.setLocalStateField("cursor", { x: 42 });
      await waitFor(
        () => [...b.provider.awareness.getStates().values()].some((state) => z.object({ cursor: z.object({ x: z.literal(42) }) }).safeParse(state).success),
        { message: "awareness relayed during the outage" },
      );
      // Several retries fail while the clients keep editing.
      await waitFor(() => editing.made.get("a")! >= cutAt.a + 100 && editing.made.get("b")! >= cutAt.b + 100, {
        timeoutMs: PATIENT_MS,
        message: "edits during the outage",
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await readyz(server.url)).status).toBe(503);

      proxy = await startFailoverProxy([TEST_DATABASE_URL], { port: proxyPort });
      proxies.push(proxy);
      await waitFor(() => a.latest()?.saved === true, { timeoutMs: PATIENT_MS, message: "saved:true after the retry" });
      await editing.stop();
      const made = editing.keys();
      await waitFor(() => missing(made, a.doc.getMap("elements")).length === 0 && missing(made, b.doc.getMap("elements")).length === 0, {
        timeoutMs: PATIENT_MS,
        message: "both clients converge on every edit",
      });
      await waitFor(async () => (await readyz(server.url)).status === 200, { timeoutMs: PATIENT_MS, message: "/readyz 200" });
      await server.app.rooms.flushAll();

      // Read back through a fresh storage instance that bypasses the proxy.
      const fresh = await PostgresStorage.open(TEST_DATABASE_URL, { schema });
      try {
        const stored = storedKeys(await fresh.loadDocument(board.id));
        expect(missing(made, stored)).toEqual([]);
        expect(stored.size).toBe(made.length);
      } finally {
        await fresh.close();
      }
      expect(a.statuses.map((status) => status.saved)).toEqual([false, true]);
      expect(stock.types).not.toContain(MessageType.Control);
      console.log(
        `postgres outage: ${made.length} edits (${made.length - cutAt.a - cutAt.b} during the outage), ` +
          `all stored; idle pool errors handled: ${poolErrors.length}`,
      );
    }, 60_000);
  });

  /**
   * SQLite: the server process's file-size limit (RLIMIT_FSIZE, set from
   * outside with `prlimit`) drops to 0, so every write that would grow a file
   * fails in the kernel (EFBIG → SQLITE_IOERR_WRITE), like a full disk; reads
   * keep working. Unlike a tmpfs that fills up, it needs no root and no mount,
   * and touches nothing outside that one process.
   */
  it("SQLite: keeps serving while the data files cannot grow, tells joiners, and writes everything afterwards (SS9)", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "quadrant-outage-"));
    dirs.push(dataDir);
    const server = await spawnServerProcess({ dataDir });
    processes.push(server);
    const { board, a, b, stock, editing } = await startEditing(server, "before the fault");
    execFileSync("prlimit", ["--pid", String(server.pid), "--fsize=0:unlimited"]);
    const faultAt = editing.keys().length;

    const failing = await waitFor(
      async () => {
        const ready = await readyz(server.url);
        return ready.status === 503 ? ready : null;
      },
      { timeoutMs: PATIENT_MS, message: "/readyz 503" },
    );
    expect(failing?.checks.writes).toMatch(/^failing: .*I\/O error/);
    await waitFor(() => a.latest()?.saved === false, { message: "saved:false to the opted-in client" });
    // A joiner during the outage is told at once (reads still work, so it can join).
    const joiner = saveStatusClient(server.wsUrl, board.id, board.tokens.viewer);
    clients.push(joiner);
    await waitFor(() => joiner.latest()?.saved === false, { message: "saved:false to a joiner" });
    expect(joiner.latest()).toEqual(a.latest());
    await waitFor(() => editing.keys().length >= faultAt + 200, { timeoutMs: PATIENT_MS, message: "edits during the fault" });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await readyz(server.url)).status).toBe(503);

    execFileSync("prlimit", ["--pid", String(server.pid), "--fsize=unlimited:unlimited"]);
    await waitFor(() => a.latest()?.saved === true && joiner.latest()?.saved === true, {
      timeoutMs: PATIENT_MS,
      message: "saved:true after the retry",
    });
    await editing.stop();
    const made = editing.keys();
    await waitFor(
      () => [a, b, joiner].every((client) => missing(made, client.doc.getMap("elements")).length === 0),
      { timeoutMs: PATIENT_MS, message: "every client converges on every edit" },
    );
    expect((await readyz(server.url)).status).toBe(200);
    for (const client of clients.splice(0)) client.destroy();
    stock.close();
    expect(await server.stop()).toBe(0);

    const fresh = SqliteStorage.open(dataDir);
    try {
      const stored = storedKeys(await fresh.loadDocument(board.id));
      expect(missing(made, stored)).toEqual([]);
      expect(stored.size).toBe(made.length);
    } finally {
      await fresh.close();
    }
    expect(a.statuses.map((status) => status.saved)).toEqual([false, true]);
    expect(stock.types).not.toContain(MessageType.Control);
    console.log(`sqlite outage: ${made.length} edits (${made.length - faultAt} during the fault), all stored after a graceful stop`);
  }, 60_000);
});
