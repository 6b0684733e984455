import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoard } from "../../test-support/create-board";
import { adminSql, databaseUrlInSchema, postgresAvailable, redisAvailable, TEST_REDIS_URL } from "../../test-support/external-services";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { controlClient } from "../../test-support/control-test-client";

/**
 * Comments across two instances sharing Postgres, fan-out over Redis (issue 16): a thread started on
 * A is seen on B, a reply on B is on A, a held comment stays with its author on both until the reveal.
 * In CI a missing Postgres or Redis fails the run (external-services.ts).
 */
const available = (await postgresAvailable()) && (await redisAvailable());
const schema = `quadrant_comments_${randomBytes(6).toString("hex")}`;
const databaseUrl = databaseUrlInSchema(schema);

describe.runIf(available)("comments across two instances on Postgres + Redis", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    await adminSql(`CREATE SCHEMA ${schema}`);
    a = await startTestServer({ storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL });
    b = await startTestServer({ storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await adminSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("a thread, a reply, a resolve and a held comment travel between instances as they do on one", { timeout: 30_000 }, async () => {
    const board = await createBoard(a.url);
    const fran = await controlClient(a.wsUrl, board.id, board.tokens.facilitator, "facilitator-on-instance-a1");
    const ben = await controlClient(b.wsUrl, board.id, board.tokens.editor, "participant-on-instance-b1");
    try {
      await fran.send({ type: "presence.hello", name: "Fran" });
      await ben.send({ type: "presence.hello", name: "Ben" });
      await fran.send({
        type: "comment.start",
        threadId: "CrossThread1",
        messageId: "CrossMessage1",
        anchor: { kind: "point", x: 0, y: 0 },
        text: "Started on A",
      });
      const onB = await ben.waitForView((v) => v.comments.threads.length === 1);
      expect(onB.comments).toMatchObject({ unread: 1, people: ["Fran"] });
      expect(await ben.send({ type: "comment.reply", threadId: "CrossThread1", messageId: "CrossReply1", text: "@Fran replied on B", mentions: ["Fran"] })).toMatchObject({ type: "view" });
      const onA = await fran.waitForView((v) => v.comments.threads[0]?.messages.length === 2);
      expect(onA.comments.threads[0]).toMatchObject({ mentionsMe: true, unread: 1 });
      await fran.send({ type: "comment.resolve", threadId: "CrossThread1", resolved: true });
      await ben.waitForView((v) => v.comments.threads[0]?.resolved?.by === "Fran");

      await fran.send({ type: "brainstorm.start" });
      await ben.waitForView((v) => v.brainstorm.on);
      await ben.send({ type: "comment.start", threadId: "HeldOnB", messageId: "HeldOnBm", anchor: { kind: "point", x: 1, y: 1 }, text: "HELD-ACROSS-INSTANCES-77" });
      // Ben's next command reaches A after the held one: A's views since then are in Fran's traffic.
      await ben.send({ type: "ready.set", ready: true });
      await fran.waitForView((v) => v.ready.count === 1);
      expect(fran.traffic().includes("HELD-ACROSS-INSTANCES-77")).toBe(false);
      await fran.send({ type: "brainstorm.reveal" });
      const revealed = await fran.waitForView((v) => v.comments.threads.length === 2);
      expect(revealed.comments.threads[1]?.messages[0]).toMatchObject({ author: "Ben", text: "HELD-ACROSS-INSTANCES-77", held: false });
      // B's own state after A's reveal (it re-reads the stored state on the fan-out message).
      await ben.waitForView((v) => v.comments.threads[1]?.messages[0]?.held === false);
    } finally {
      fran.close();
      ben.close();
    }
  });
});
