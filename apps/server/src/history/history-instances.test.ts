import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { elementsMap } from "@quadrant/board-model";
import { createBoard } from "../../test-support/create-board";
import { adminSql, databaseUrlInSchema, postgresAvailable, redisAvailable, TEST_REDIS_URL } from "../../test-support/external-services";
import { historyApi } from "../../test-support/history-client";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

/**
 * Board history on two instances sharing Postgres, with the Redis fan-out: what one instance
 * stores the other lists, and a restore made on one reaches clients of the other without a reload.
 * In CI a missing Postgres or Redis fails the run (external-services.ts).
 */
const available = (await postgresAvailable()) && (await redisAvailable());
const schema = `quadrant_history_${randomBytes(6).toString("hex")}`;
const databaseUrl = databaseUrlInSchema(schema);

function positions(doc: Y.Doc): Record<string, number> {
  const out: Record<string, number> = {};
  elementsMap(doc).forEach((element, id) => {
    if (element["isDeleted"] !== true) out[id] = Number(element["x"]);
  });
  return out;
}

describe.runIf(available)("board history across two instances (Postgres + Redis)", () => {
  let a: TestServer;
  let b: TestServer;
  const clients: StockClient[] = [];
  beforeAll(async () => {
    await adminSql(`CREATE SCHEMA ${schema}`);
    const shared = { storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL, history: { intervalMs: 0, retention: { automatic: 100, checkpoints: 50 } } } as const;
    a = await startTestServer(shared);
    b = await startTestServer(shared);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await b?.close();
    await a?.close();
    await adminSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("lists on B what A stored, and a restore made on A converges the client on B", async () => {
    const board = await createBoard(a.url);
    const onA = stockClient(a.wsUrl, board.id, board.tokens.facilitator);
    const onB = stockClient(b.wsUrl, board.id, board.tokens.editor);
    clients.push(onA, onB);
    await Promise.all([onA.synced(), onB.synced()]);
    elementsMap(onA.doc).set("n1", { id: "n1", type: "rectangle", x: 10, y: 0, width: 100, height: 60, version: 1, versionNonce: 1, isDeleted: false });
    elementsMap(onA.doc).set("n2", { id: "n2", type: "rectangle", x: 20, y: 0, width: 100, height: 60, version: 1, versionNonce: 2, isDeleted: false });
    await waitFor(() => positions(onB.doc)["n2"] === 20, { timeoutMs: 20_000, message: "A's notes reach B" });

    const checkpoint = await historyApi(a.url, board.id, board.tokens.facilitator).checkpoint("before lunch");
    const onBApi = historyApi(b.url, board.id, board.tokens.facilitator);
    expect((await onBApi.list()).map((entry) => entry.label)).toEqual(["before lunch"]);

    // B's editor wrecks it; A sees the wreck.
    const n1 = elementsMap(onB.doc).get("n1")!;
    elementsMap(onB.doc).set("n1", { ...structuredClone(n1), x: 999, version: 2, versionNonce: 7 });
    const n2 = elementsMap(onB.doc).get("n2")!;
    elementsMap(onB.doc).set("n2", { ...structuredClone(n2), isDeleted: true, version: 2, versionNonce: 8 });
    await waitFor(() => positions(onA.doc)["n1"] === 999 && positions(onA.doc)["n2"] === undefined, { timeoutMs: 20_000, message: "B's wreck reaches A" });

    // Restored through A; the client on B converges.
    const { saved } = await historyApi(a.url, board.id, board.tokens.facilitator).restore(checkpoint.id);
    await waitFor(() => JSON.stringify(positions(onB.doc)) === JSON.stringify({ n1: 10, n2: 20 }) || null, { timeoutMs: 20_000, message: "B converges to the checkpoint" });
    expect(positions(onA.doc)).toEqual({ n1: 10, n2: 20 });
    // B lists the safety snapshot A took, and opens it from its own instance.
    expect((await onBApi.list()).map((entry) => entry.trigger)).toEqual(["before-restore", "checkpoint"]);
    expect((await onBApi.detail(saved.id)).elements.map((element) => [element["id"], element["x"]])).toEqual([["n1", 999]]);
    // Restore refused for B's editor on B too.
    expect(await historyApi(b.url, board.id, board.tokens.editor).restoreRaw(checkpoint.id)).toMatchObject({ status: 403 });
  });
});
