import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap } from "@quadrant/board-model";
import { type Command, FacilitationView } from "@quadrant/facilitation";
import { overlaps, rectOf } from "@quadrant/templates";
import { createBoard } from "../../test-support/create-board";
import { stockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { controlClient } from "../../test-support/control-test-client";
import { databaseUrlInSchema, adminSql, postgresAvailable, redisAvailable, TEST_REDIS_URL } from "../../test-support/external-services";

/**
 * Pre-work (issue 18) end to end on real servers and sockets: the deadline enforced through the
 * service's injected clock, answers that never reach another socket, who-finished for the
 * facilitator only, persistence across a restart and across two instances, and the reveal.
 */

const FAC = "facilitator-participant-0001";
const ALICE = "alice-participant-00000001";
const BOB = "bobby-participant-00000001";
const VIC = "victor-participant-0000001";
const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;

/** A free text note (RULE 9: unbound text is a note) with its words. */
function textNote(id: string, text: string, x: number, y: number) {
  return { id, type: "text", text, originalText: text, x, y, width: 120, height: 25, version: 1, isDeleted: false, containerId: null };
}

async function restCommand(url: string, boardId: string, token: string, participant: string, command: Command) {
  const response = await fetch(`${url}/api/boards/${boardId}/facilitation/commands?token=${token}&participant=${participant}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ command }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

async function restView(url: string, boardId: string, token: string, participant: string): Promise<FacilitationView> {
  const response = await fetch(`${url}/api/boards/${boardId}/facilitation?token=${token}&participant=${participant}`);
  expect(response.status).toBe(200);
  return FacilitationView.parse(await response.json());
}

/** Puts notes on a board through a stock client and waits until the server's room has them. */
async function seedNotes(server: TestServer, boardId: string, token: string, notes: Array<{ id: string }>) {
  const writer = stockClient(server.wsUrl, boardId, token);
  await writer.synced();
  for (const n of notes) elementsMap(writer.doc).set(n.id, n);
  await waitFor(() => notes.every((n) => elementsMap(server.app.rooms.get(boardId)!.doc).has(n.id)), { message: "notes reached the server" });
  writer.destroy();
}

const scoringAnswer = (name: string, scores: Record<string, { impact: number; effort: number }>): Command => ({
  type: "prework.submit",
  name,
  answer: { kind: "scoring", scores },
});

describe("pre-work on one server", () => {
  let clock = T0;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { now: () => new Date(clock) });
  });
  afterAll(async () => {
    await server.close();
  });

  it("answers stay private, the facilitator sees who finished, late answers are refused, and the reveal is a scoring round", async () => {
    clock = T0;
    const board = await createBoard(server.url);
    await seedNotes(server, board.id, board.tokens.facilitator, [textNote("n1", "Self-serve pricing", 0, 0), textNote("n2", "SSO", 0, 100)]);
    const facilitator = await controlClient(server.wsUrl, board.id, board.tokens.facilitator, FAC);
    const bob = await controlClient(server.wsUrl, board.id, board.tokens.editor, BOB);
    const viewer = await controlClient(server.wsUrl, board.id, board.tokens.viewer, VIC);

    const opened = await facilitator.send({
      type: "prework.open",
      kind: "scoring",
      target: { kind: "notes", noteIds: ["n1", "n2"] },
      deadline: T0 + HOUR,
      instruction: "Score before Thursday",
      threshold: 1,
    });
    expect(opened).toMatchObject({ type: "view" });
    // The page shows the items' words without loading the board.
    const page = await restView(server.url, board.id, board.tokens.editor, ALICE);
    expect(page.prework).toMatchObject({ kind: "scoring", closed: false, instruction: "Score before Thursday", mine: null, finished: null });
    expect(page.prework?.items).toEqual([
      { noteId: "n1", text: "Self-serve pricing" },
      { noteId: "n2", text: "SSO" },
    ]);

    // Alice on the pre-work page (REST), Bob on his socket.
    clock = T0 + 10 * 60_000;
    const alice = await restCommand(server.url, board.id, board.tokens.editor, ALICE, scoringAnswer("Alice", { n1: { impact: 9, effort: 2 }, n2: { impact: 7, effort: 7 } }));
    expect(alice.status).toBe(200);
    clock = T0 + 20 * 60_000;
    expect(await bob.send(scoringAnswer("Bob", { n1: { impact: 3, effort: 2 } }))).toMatchObject({ type: "view" });

    const done = await facilitator.waitForView((v) => v.prework?.finished?.count === 2);
    expect(done.prework?.finished?.who).toEqual([
      { name: "Alice", at: T0 + 10 * 60_000 },
      { name: "Bob", at: T0 + 20 * 60_000 },
    ]);
    expect(done.prework?.mine).toBeNull();
    // On the bytes: nobody but the author receives a score; only the facilitator gets names; no socket gets an id.
    expect(facilitator.traffic()).not.toContain('"impact"');
    expect(viewer.traffic()).not.toContain('"impact"');
    expect(viewer.traffic()).not.toContain("Alice");
    expect(bob.traffic()).toContain('"impact":3');
    expect(bob.traffic()).not.toContain('"impact":9');
    expect(bob.traffic()).not.toContain('"impact":7');
    expect(bob.traffic()).not.toContain("Alice");
    for (const client of [facilitator, bob, viewer]) expect(client.traffic()).not.toContain(ALICE);
    const bobRest = JSON.stringify(await restView(server.url, board.id, board.tokens.editor, BOB));
    expect(bobRest).not.toContain('"impact":9');

    // The deadline passes (the service's clock): both ways in refuse with when and what to do.
    clock = T0 + HOUR;
    const late = await restCommand(server.url, board.id, board.tokens.editor, ALICE, scoringAnswer("Alice", { n1: { impact: 1, effort: 1 } }));
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toBe("Pre-work closed at 2027-01-15 09:00 UTC; ask the facilitator to extend it");
    expect(await bob.send(scoringAnswer("Bob", { n1: { impact: 1, effort: 1 } }))).toMatchObject({
      type: "refused",
      message: "Pre-work closed at 2027-01-15 09:00 UTC; ask the facilitator to extend it",
    });
    expect((await restView(server.url, board.id, board.tokens.editor, ALICE)).prework).toMatchObject({ closed: true });

    // Extended: answers are taken again; closed early: refused again.
    await facilitator.send({ type: "prework.extend", deadline: T0 + 2 * HOUR });
    expect(await bob.send(scoringAnswer("Bob", { n1: { impact: 3, effort: 4 } }))).toMatchObject({ type: "view" });
    await facilitator.send({ type: "prework.close" });
    expect(await bob.send(scoringAnswer("Bob", { n1: { impact: 5, effort: 5 } }))).toMatchObject({ type: "refused" });

    // The reveal: an ordinary revealed scoring round, for everyone.
    await facilitator.send({ type: "prework.reveal" });
    const seen = await viewer.waitForView((v) => v.scoring?.status === "revealed");
    expect(seen.scoring?.results?.find((r) => r.noteId === "n1")).toMatchObject({ count: 2, meanImpact: 6, meanEffort: 3, discuss: true });
    expect(seen.scoring?.results?.find((r) => r.noteId === "n2")).toMatchObject({ count: 1, meanImpact: 7 });
    expect(seen.prework).toMatchObject({ status: "revealed", closed: true });
    facilitator.close();
    bob.close();
    viewer.close();
  });

  it("a brainstorm's notes reach nobody before the reveal, then land in a Pre-work frame in free space without overlap", async () => {
    clock = T0;
    const board = await createBoard(server.url);
    // What is already on the board: a note and a big drawing the pre-work frame must not cover.
    const drawing = { id: "drawing", type: "rectangle", x: 200, y: -100, width: 900, height: 700, version: 1, isDeleted: false };
    await seedNotes(server, board.id, board.tokens.facilitator, [textNote("n1", "Existing idea", 0, 0), drawing]);
    const facilitator = await controlClient(server.wsUrl, board.id, board.tokens.facilitator, FAC);
    const bob = await controlClient(server.wsUrl, board.id, board.tokens.editor, BOB);
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    await watcher.synced();
    await facilitator.send({ type: "prework.open", kind: "brainstorm", target: { kind: "board" }, deadline: T0 + HOUR });
    const ideas = ["PREWORK-SECRET-IDEA-7731", "Partner channel", "Usage-based pricing", "Churn interviews", "Public roadmap"];
    const first = await restCommand(server.url, board.id, board.tokens.editor, ALICE, {
      type: "prework.submit",
      name: "Alice",
      answer: { kind: "brainstorm", notes: ideas.slice(0, 3) },
    });
    expect(first.status).toBe(200);
    expect(await bob.send({ type: "prework.submit", name: "Bob", answer: { kind: "brainstorm", notes: ideas.slice(3) } })).toMatchObject({ type: "view" });
    await facilitator.waitForView((v) => v.prework?.finished?.count === 2);
    for (const client of [facilitator, bob]) expect(client.traffic()).not.toContain("PREWORK-SECRET-IDEA-7731");
    expect(JSON.stringify(elementsMap(watcher.doc).toJSON())).not.toContain("PREWORK-SECRET-IDEA-7731");
    expect(Buffer.from(Y.encodeStateAsUpdate(watcher.doc)).toString("latin1")).not.toContain("PREWORK-SECRET-IDEA-7731");

    const before = [...elementsMap(server.app.rooms.get(board.id)!.doc).values()].filter((e) => !e["isDeleted"]);
    await facilitator.send({ type: "prework.reveal" });
    await waitFor(() => JSON.stringify(elementsMap(watcher.doc).toJSON()).includes("PREWORK-SECRET-IDEA-7731"), { message: "notes revealed" });
    const all = [...elementsMap(watcher.doc).values()];
    const frame = all.find((e) => e["type"] === "frame" && String(e["name"]).startsWith("Pre-work"));
    expect(frame?.["name"]).toBe("Pre-work (5 notes)");
    const stickies = all.filter((e) => e["type"] === "rectangle" && e["frameId"] === frame?.["id"]);
    expect(stickies).toHaveLength(5);
    const labels = all.filter((e) => e["type"] === "text" && stickies.some((s) => s["id"] === e["containerId"])).map((e) => e["text"]);
    expect(labels.sort()).toEqual([...ideas].sort());
    const box = (e: Record<string, unknown>) => rectOf(e as { x: number; y: number; width: number; height: number });
    for (const [i, a] of stickies.entries()) for (const b of stickies.slice(i + 1)) expect(overlaps(box(a), box(b))).toBe(false);
    // The frame is in free space: it covers nothing that was on the board.
    expect(before.map((e) => e["id"]).sort()).toEqual(["drawing", "n1"]);
    for (const e of before) expect(overlaps(box(frame!), box(e)), `covers ${String(e["id"])}`).toBe(false);
    watcher.destroy();
    facilitator.close();
    bob.close();
  });
});

describe("pre-work in the exports", () => {
  it("a revealed vote pre-work is the board's vote in the CSV, and the brief says who did the pre-work", async () => {
    const server = await startTestServer({}, { now: () => new Date(T0) });
    try {
      const board = await createBoard(server.url);
      await seedNotes(server, board.id, board.tokens.facilitator, [textNote("n1", "SSO", 0, 0), textNote("n2", "Audit log", 0, 100)]);
      const facilitator = await controlClient(server.wsUrl, board.id, board.tokens.facilitator, FAC);
      await facilitator.send({ type: "prework.open", kind: "vote", target: { kind: "board" }, deadline: T0 + HOUR, votesPerPerson: 3 });
      const vote = (name: string, ballot: Record<string, number>): Command => ({ type: "prework.submit", name, answer: { kind: "vote", ballot } });
      expect((await restCommand(server.url, board.id, board.tokens.editor, ALICE, vote("Alice", { n1: 2, n2: 1 }))).status).toBe(200);
      expect((await restCommand(server.url, board.id, board.tokens.viewer, BOB, vote("Bob", { n1: 1 }))).status).toBe(200);
      await facilitator.send({ type: "prework.reveal" });
      const exported = async (format: string) =>
        (await fetch(`${server.url}/api/boards/${board.id}/export?format=${format}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } })).text();
      const csv = (await exported("csv")).split("\r\n").map((line) => line.split(","));
      const votes = csv[0]!.indexOf("votes");
      expect(csv.find((row) => row[0] === "n1")?.[votes]).toBe("3");
      expect(csv.find((row) => row[0] === "n2")?.[votes]).toBe("1");
      const brief = await exported("md");
      expect(brief).toContain("## Pre-work\n\n- **Round:** Dot vote, due 2027-01-15 09:00 UTC, revealed at the session\n- **Done by (2):** Alice, Bob\n");
      facilitator.close();
    } finally {
      await server.close();
    }
  });
});

describe("pre-work survives a restart", () => {
  it("the open pre-work, each answer and who finished come back from the SQLite file, and the deadline still holds", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-prework-"));
    let clock = T0;
    const deps = { now: () => new Date(clock) };
    try {
      const first = await startTestServer({ storage: "sqlite", dataDir }, deps);
      const board = await createBoard(first.url);
      await seedNotes(first, board.id, board.tokens.facilitator, [textNote("n1", "SSO", 0, 0)]);
      const facilitator = await controlClient(first.wsUrl, board.id, board.tokens.facilitator, FAC);
      await facilitator.send({ type: "prework.open", kind: "vote", target: { kind: "board" }, deadline: T0 + HOUR, votesPerPerson: 2 });
      facilitator.close();
      const answered = await restCommand(first.url, board.id, board.tokens.viewer, ALICE, {
        type: "prework.submit",
        name: "Alice",
        answer: { kind: "vote", ballot: { n1: 2 } },
      });
      expect(answered.status).toBe(200);
      await first.close();

      clock = T0 + 30 * 60_000;
      const second = await startTestServer({ storage: "sqlite", dataDir }, deps);
      try {
        const mine = await restView(second.url, board.id, board.tokens.viewer, ALICE);
        expect(mine.prework).toMatchObject({ kind: "vote", closed: false, votesPerPerson: 2, mine: { answer: { kind: "vote", ballot: { n1: 2 } } } });
        const fac = await restView(second.url, board.id, board.tokens.facilitator, FAC);
        expect(fac.prework?.finished).toEqual({ count: 1, who: [{ name: "Alice", at: T0 }] });
        clock = T0 + HOUR + 1;
        const late = await restCommand(second.url, board.id, board.tokens.viewer, ALICE, {
          type: "prework.submit",
          name: "Alice",
          answer: { kind: "vote", ballot: { n1: 1 } },
        });
        expect(late.status).toBe(409);
        expect(late.body.error?.message).toMatch(/^Pre-work closed at .* UTC; ask the facilitator to extend it$/);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const services = (await postgresAvailable()) && (await redisAvailable());

describe.runIf(services)("pre-work across two instances on Postgres and Redis", () => {
  const schema = `quadrant_prework_${randomBytes(6).toString("hex")}`;
  const databaseUrl = databaseUrlInSchema(schema);
  const admin = adminSql;
  let clock = T0;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    const deps = { now: () => new Date(clock) };
    a = await startTestServer({ storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL }, deps);
    b = await startTestServer({ storage: "postgres", databaseUrl, redisUrl: TEST_REDIS_URL }, deps);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("opened on A, answered on B, seen finished on A, refused late on B, revealed on A and seen on B", async () => {
    const board = await createBoard(a.url);
    await seedNotes(a, board.id, board.tokens.facilitator, [textNote("n1", "SSO", 0, 0), textNote("n2", "Audit log", 0, 100)]);
    const facilitator = await controlClient(a.wsUrl, board.id, board.tokens.facilitator, FAC);
    const bobOnB = await controlClient(b.wsUrl, board.id, board.tokens.editor, BOB);
    await facilitator.send({ type: "prework.open", kind: "scoring", target: { kind: "board" }, deadline: T0 + HOUR });
    await bobOnB.waitForView((v) => v.prework?.status === "open");
    expect(bobOnB.latestView()?.prework?.items.map((i) => i.text).sort()).toEqual(["Audit log", "SSO"]);

    const fromB = await restCommand(b.url, board.id, board.tokens.editor, ALICE, scoringAnswer("Alice", { n1: { impact: 8, effort: 3 } }));
    expect(fromB.status).toBe(200);
    expect(await bobOnB.send(scoringAnswer("Bob", { n1: { impact: 4, effort: 5 } }))).toMatchObject({ type: "view" });
    const seen = await facilitator.waitForView((v) => v.prework?.finished?.count === 2);
    expect(seen.prework?.finished?.who.map((w) => w.name).sort()).toEqual(["Alice", "Bob"]);
    expect(facilitator.traffic()).not.toContain('"impact"');

    clock = T0 + HOUR;
    const late = await restCommand(b.url, board.id, board.tokens.editor, ALICE, scoringAnswer("Alice", { n1: { impact: 1, effort: 1 } }));
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toMatch(/^Pre-work closed at/);

    await facilitator.send({ type: "prework.reveal" });
    const revealed = await bobOnB.waitForView((v) => v.scoring?.status === "revealed");
    expect(revealed.scoring?.results).toEqual([
      expect.objectContaining({ noteId: "n1", count: 2, meanImpact: 6, meanEffort: 4 }),
    ]);
    facilitator.close();
    bobOnB.close();
  });
});
