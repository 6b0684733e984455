import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elementsMap } from "@quadrant/board-model";
import { createBoard } from "../../test-support/create-board";
import { stockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { controlClient } from "../../test-support/control-test-client";

/**
 * Two instances behind one load balancer: same storage (SQLite file), fan-out
 * over the real Redis. A command on one instance must reach, and be enforced
 * by, the other (the `control-changed` fan-out message).
 */
describe("facilitation across two instances", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-fac-instances-"));
  const redisUrl = "redis://127.0.0.1:6379";
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ storage: "sqlite", dataDir, redisUrl });
    b = await startTestServer({ storage: "sqlite", dataDir, redisUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a lock and a vote set on instance A are seen and enforced on instance B", async () => {
    const board = await createBoard(a.url);
    const facilitator = await controlClient(a.wsUrl, board.id, board.tokens.facilitator, "facilitator-participant-01");
    const participant = await controlClient(b.wsUrl, board.id, board.tokens.editor, "participant-on-instance-b");
    await facilitator.send({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 1, allowStacking: false });
    await participant.waitForView((v) => v.vote?.status === "open");
    expect(await participant.send({ type: "vote.cast", noteId: "n1" })).toMatchObject({ type: "view" });
    await waitFor(() => facilitator.latestView()?.vote?.voters === 1, { message: "vote counted on A" });
    // The limit holds across instances: B applies commands to the state A wrote.
    expect(await participant.send({ type: "vote.cast", noteId: "n2" })).toMatchObject({ type: "refused", reason: "limit" });

    await facilitator.send({ type: "lock.board", locked: true });
    await participant.waitForView((v) => v.lock.board);
    const editorOnB = stockClient(b.wsUrl, board.id, board.tokens.editor);
    const watcherOnA = stockClient(a.wsUrl, board.id, board.tokens.facilitator);
    await Promise.all([editorOnB.synced(), watcherOnA.synced()]);
    elementsMap(editorOnB.doc).set("blocked", { id: "blocked", type: "rectangle", x: 0, y: 0, version: 1 });
    elementsMap(watcherOnA.doc).set("allowed", { id: "allowed", type: "rectangle", x: 0, y: 0, version: 1 });
    await waitFor(() => elementsMap(editorOnB.doc).has("allowed"), { message: "A's edit reaches B" });
    await b.app.rooms.flushAll();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(elementsMap(watcherOnA.doc).has("blocked")).toBe(false);
    editorOnB.destroy();
    watcherOnA.destroy();
    facilitator.close();
    participant.close();
  });
});
