import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CloseCode } from "@quadrant/protocol";
import { buildApp } from "../app";
import { testConfig } from "../../test-support/test-config";
import { silentLogger } from "../sync/logger";
import { RedisFanout } from "../sync/fanout/redis-fanout";
import { createBoard } from "../../test-support/create-board";
import { databaseUrlInSchema, postgresAvailable, redisAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from "../../test-support/external-services";
import { startFailoverProxy, type FailoverProxy } from "../../test-support/failover-proxy";
import { openRaw } from "../../test-support/raw-socket";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { waitFor } from "../../test-support/wait-for";

/**
 * Several instances as one server (issue #6): shared Postgres, Redis fan-out,
 * stock y-websocket clients. Each test file run gets its own Postgres schema.
 * In CI a missing Postgres or Redis fails the run (external-services.ts).
 */
const available = (await postgresAvailable()) && (await redisAvailable());
const schema = `quadrant_test_${randomBytes(6).toString("hex")}`;
const databaseUrl = databaseUrlInSchema(schema);

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Cross-process steps get time: CI machines run other suites alongside. */
const PATIENT_MS = 20_000;

async function synced(client: StockClient): Promise<void> {
  await waitFor(() => client.provider.synced, { timeoutMs: PATIENT_MS, message: "provider synced" });
}

function notes(client: StockClient): string[] {
  return client.doc.getArray<string>("notes").toArray();
}

describe.runIf(available)("several instances sharing Postgres and Redis", () => {
  const processes: ServerProcess[] = [];
  const clients: StockClient[] = [];
  const apps: FastifyInstance[] = [];
  const proxies: FailoverProxy[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(processes.splice(0).map((server) => server.kill9()));
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  afterAll(async () => {
    await admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function instance(): Promise<ServerProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), "quadrant-cluster-"));
    dirs.push(dataDir);
    const server = await spawnServerProcess({
      dataDir,
      env: { STORAGE: "postgres", DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL },
    });
    processes.push(server);
    return server;
  }

  function client(wsUrl: string, boardId: string, token: string): StockClient {
    const created = stockClient(wsUrl, boardId, token);
    clients.push(created);
    return created;
  }

  it("converges stock clients on two instances and relays awareness both ways", { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const board = await createBoard(a.url, "impact-effort");
    const alice = client(a.wsUrl, board.id, board.tokens.editor);
    const bob = client(b.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([synced(alice), synced(bob)]);

    alice.doc.getArray<string>("notes").push(["SSO (via A)"]);
    bob.doc.getArray<string>("notes").push(["Audit log (via B)"]);
    await waitFor(() => notes(alice).length === 2 && notes(bob).length === 2, { timeoutMs: PATIENT_MS, message: "both notes on both sides" });
    expect(notes(alice)).toEqual(notes(bob));

    alice.provider.awareness.setLocalStateField("user", { name: "Alice" });
    bob.provider.awareness.setLocalStateField("user", { name: "Bob" });
    const nameOf = (observer: StockClient, owner: StockClient): unknown => {
      const state = observer.provider.awareness.getStates().get(owner.doc.clientID);
      return (state?.user as { name?: string } | undefined)?.name;
    };
    await waitFor(() => nameOf(bob, alice) === "Alice" && nameOf(alice, bob) === "Bob", {
      message: "awareness across instances",
    });

    // Alice leaves: instance A removes her awareness, and B's clients see it go.
    const aliceId = alice.doc.clientID;
    alice.provider.disconnect();
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), {
      message: "awareness removed across instances",
    });
  });

  it("heals an instance that was cut off from Redis while an edit went by", { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const board = await createBoard(a.url);
    const alice = client(a.wsUrl, board.id, board.tokens.editor);
    const bob = client(b.wsUrl, board.id, board.tokens.editor);
    await Promise.all([synced(alice), synced(bob)]);
    alice.doc.getArray<string>("notes").push(["before"]);
    await waitFor(() => notes(bob).length === 1, { timeoutMs: PATIENT_MS, message: "first edit relayed" });

    // Cut B's subscriber: pub/sub drops whatever is published until it is back.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const list = String(await redis.client("LIST"));
      const line = list.split("\n").find((entry) => entry.includes(`name=quadrant-sub-${b.pid}-`));
      const id = /\bid=(\d+)/.exec(line ?? "")?.[1];
      expect(id, `B's subscriber in CLIENT LIST:\n${list}`).toBeDefined();
      await redis.client("KILL", "ID", String(id));
    } finally {
      redis.disconnect();
    }
    alice.doc.getArray<string>("notes").push(["while B was cut off"]);
    await waitFor(() => notes(bob).length === 2, { timeoutMs: PATIENT_MS, message: "B caught up after reconnecting" });
    expect(notes(bob)).toEqual(["before", "while B was cut off"]);
  });

  it("keeps serving its own clients while Redis is away, says so on /readyz, and catches up after", { timeout: 60_000 }, async () => {
    // A reaches Redis through a proxy the test can cut; B reaches it directly.
    const redisPath = await startFailoverProxy([TEST_REDIS_URL]);
    proxies.push(redisPath);
    const redisPort = Number(new URL(redisPath.url).port);
    const dataDir = await mkdtemp(path.join(tmpdir(), "quadrant-cluster-"));
    dirs.push(dataDir);
    const a = await spawnServerProcess({
      dataDir,
      env: { STORAGE: "postgres", DATABASE_URL: databaseUrl, REDIS_URL: `redis://127.0.0.1:${redisPort}` },
    });
    processes.push(a);
    const b = await instance();
    const readiness = async (server: ServerProcess): Promise<{ status: number; fanout: unknown }> => {
      const response = await fetch(`${server.url}/readyz`);
      const body = z.object({ checks: z.object({ fanout: z.string() }) }).parse(await response.json());
      return { status: response.status, fanout: body.checks.fanout };
    };
    await waitFor(async () => (await readiness(a)).status === 200, { timeoutMs: PATIENT_MS, message: "A ready" });

    const board = await createBoard(a.url);
    const alice = client(a.wsUrl, board.id, board.tokens.editor);
    const carol = client(a.wsUrl, board.id, board.tokens.editor);
    const bob = client(b.wsUrl, board.id, board.tokens.editor);
    await Promise.all([synced(alice), synced(carol), synced(bob)]);
    alice.doc.getArray<string>("notes").push(["before the outage"]);
    await waitFor(() => notes(bob).length === 1 && notes(carol).length === 1, { timeoutMs: PATIENT_MS, message: "relayed before the outage" });

    await redisPath.close();
    await waitFor(async () => (await readiness(a)).status === 503, { timeoutMs: PATIENT_MS, message: "A not ready" });
    expect(await readiness(a)).toEqual({ status: 503, fanout: "unreachable" });
    expect((await readiness(b)).status).toBe(200);

    // A still serves its own clients; B its own.
    alice.doc.getArray<string>("notes").push(["during the outage, on A"]);
    bob.doc.getArray<string>("notes").push(["during the outage, on B"]);
    await waitFor(() => notes(carol).includes("during the outage, on A"), { timeoutMs: PATIENT_MS, message: "A relays locally without Redis" });

    proxies.push(await startFailoverProxy([TEST_REDIS_URL], { port: redisPort }));
    await waitFor(async () => (await readiness(a)).status === 200, { timeoutMs: PATIENT_MS, message: "A ready again" });
    await waitFor(() => [alice, bob, carol].every((c) => notes(c).length === 3), {
      timeoutMs: PATIENT_MS,
      message: "everyone caught up after Redis came back",
    });
    expect(notes(alice)).toEqual(notes(bob));
    expect(notes(carol)).toEqual(notes(bob));
  });

  it("rotating a link on one instance closes the old link's sockets on the other (4401) and refuses it there (SS14)", { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const board = await createBoard(a.url, "swot");
    const editorOnB = client(b.wsUrl, board.id, board.tokens.editor);
    const viewerOnB = client(b.wsUrl, board.id, board.tokens.viewer);
    await Promise.all([synced(editorOnB), synced(viewerOnB)]);
    const closeCodes: number[] = [];
    editorOnB.provider.on("connection-close", (event: { code: number } | null) => {
      if (event) closeCodes.push(event.code);
    });

    const response = await fetch(`${a.url}/api/boards/${board.id}/rotate-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, "content-type": "application/json" },
      body: JSON.stringify({ roles: ["editor"] }),
    });
    expect(response.status).toBe(200);
    const { tokens } = z.object({ tokens: z.object({ editor: z.string() }) }).parse(await response.json());
    await waitFor(() => closeCodes.includes(CloseCode.Unauthorized), { timeoutMs: PATIENT_MS, message: "old editor socket on B closed with 4401" });
    editorOnB.provider.disconnect();

    expect(viewerOnB.provider.wsconnected).toBe(true);
    expect(await openRaw(b.wsUrl, board.id, board.tokens.editor)).toMatchObject({ status: 401 });
    const renewed = client(b.wsUrl, board.id, tokens.editor);
    await synced(renewed);
    renewed.doc.getArray<string>("notes").push(["after rotation"]);
    await waitFor(() => notes(viewerOnB).includes("after rotation"), { timeoutMs: PATIENT_MS, message: "new link edits" });
  });

  it("heals a fan-out message that was dropped, through the state-vector resync (SS11)", { timeout: 60_000 }, async () => {
    // In-process instances, so the fan-out can be told to lose one message.
    let dropped = 0;
    const start = async (dropFirstUpdate: boolean): Promise<FastifyInstance> => {
      let app: FastifyInstance | null = null;
      const fanout = new RedisFanout({
        url: TEST_REDIS_URL,
        logger: silentLogger,
        resyncIntervalMs: 500,
        stateVector: (docId) => app?.rooms.get(docId)?.stateVector() ?? null,
        dropIncoming: (message) => {
          if (!dropFirstUpdate || message.kind !== "update" || dropped > 0) return false;
          dropped++;
          return true;
        },
      });
      app = await buildApp(testConfig({ storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL }), { fanout });
      apps.push(app);
      await app.listen({ port: 0, host: "127.0.0.1" });
      return app;
    };
    const wsUrlOf = (app: FastifyInstance): string => {
      const address = app.server.address();
      if (address === null || typeof address === "string") throw new Error("not listening");
      return `ws://127.0.0.1:${address.port}/ws`;
    };
    const a = await start(false);
    const b = await start(true);
    const board = await createBoard(wsUrlOf(a).replace(/^ws/, "http").replace(/\/ws$/, ""));
    const alice = client(wsUrlOf(a), board.id, board.tokens.editor);
    const bob = client(wsUrlOf(b), board.id, board.tokens.editor);
    await Promise.all([synced(alice), synced(bob)]);

    alice.doc.getArray<string>("notes").push(["Quick win: templates"]);
    await waitFor(() => dropped === 1, { timeoutMs: PATIENT_MS, message: "the update reached B and was dropped" });
    await waitFor(() => notes(bob).length === 1, { timeoutMs: PATIENT_MS, message: "B healed by the resync" });
    expect(notes(bob)).toEqual(["Quick win: templates"]);
  });

  it("loses no seen edit when an instance is SIGKILLed: its clients move to the other", { timeout: 90_000 }, async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const proxy = await startFailoverProxy([a.url, b.url]);
    proxies.push(proxy);
    const board = await createBoard(proxy.url, "swot");
    const alice = client(proxy.wsUrl, board.id, board.tokens.editor); // lands on A
    const bob = client(b.wsUrl, board.id, board.tokens.editor);
    await Promise.all([synced(alice), synced(bob)]);
    expect(proxy.routed.at(-1)).toBe(0);

    for (let i = 0; i < 20; i++) {
      (i % 2 === 0 ? alice : bob).doc.getArray<string>("notes").push([`idea ${i}`]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    alice.doc.getArray<string>("notes").push(["last before the crash"]);
    await waitFor(() => notes(bob).length === 21 && notes(alice).length === 21, { timeoutMs: PATIENT_MS, message: "all 21 seen by both" });
    const seen = notes(bob);

    await a.kill9();
    // The stock client reconnects on its own; the proxy now routes it to B.
    await waitFor(() => proxy.routed.at(-1) === 1 && alice.provider.wsconnected && alice.provider.synced, {
      timeoutMs: PATIENT_MS,
      message: "alice reconnected through the proxy to B",
    });
    alice.doc.getArray<string>("notes").push(["after failover"]);
    await waitFor(() => notes(bob).includes("after failover"), { timeoutMs: PATIENT_MS, message: "edit after failover relayed" });

    const late = client(b.wsUrl, board.id, board.tokens.viewer);
    await synced(late);
    expect(notes(late)).toEqual(expect.arrayContaining([...seen, "after failover"]));
    expect(notes(late)).toHaveLength(22);

    // And it is all in Postgres: a fresh instance, with B gone too, has every edit.
    await b.stop();
    const c = await instance();
    const fresh = client(c.wsUrl, board.id, board.tokens.viewer);
    await synced(fresh);
    expect(notes(fresh)).toEqual(notes(late));
  });
});
