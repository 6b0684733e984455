import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { elementsMap, readTemplate, writeTemplate } from "@quadrant/board-model";
import { type Command, FACILITATOR_COMMANDS, FacilitationView } from "@quadrant/facilitation";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { type ControlClient, controlClient } from "../../test-support/control-test-client";

const FAC = "facilitator-participant-0001";
const ALICE = "alice-participant-00000001";
const BOB = "bobby-participant-00000001";

const EVERY_FACILITATOR_COMMAND: Command[] = [
  { type: "timer.set", minutes: 5 },
  { type: "timer.start" },
  { type: "timer.pause" },
  { type: "timer.resume" },
  { type: "timer.addMinute" },
  { type: "timer.reset" },
  { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true },
  { type: "vote.close" },
  { type: "vote.reveal" },
  { type: "vote.clear" },
  { type: "brainstorm.start" },
  { type: "brainstorm.reveal" },
  { type: "scoring.open", target: { kind: "board" } },
  { type: "scoring.reveal" },
  { type: "scoring.accept", noteId: "n1" },
  { type: "scoring.close" },
  { type: "rating.open", templateId: "card", threshold: 1 },
  { type: "rating.reveal" },
  { type: "rating.accept", dimension: "security" },
  { type: "rating.close" },
  { type: "focus.summon", viewport: { x: 1, y: 2, zoom: 1 } },
  { type: "focus.follow", on: true },
  { type: "focus.viewport", viewport: { x: 1, y: 2, zoom: 1 } },
  { type: "focus.spotlight", frameId: "f1" },
  { type: "lock.board", locked: true },
  { type: "lock.frame", frameId: "f1", locked: true },
  { type: "agenda.set", steps: [{ id: "s1", title: "Vote", minutes: 5, privateMode: null, vote: null, focusFrameId: null }] },
  { type: "agenda.frame", stepId: "s1", frameId: "f1" },
  { type: "agenda.next" },
  { type: "agenda.goto", index: 0 },
  { type: "present.start", frameIds: ["f1"] },
  { type: "present.move", by: 1 },
  { type: "present.stop" },
  { type: "ready.clear" },
  { type: "comment.settings", viewersMayComment: false },
  { type: "prework.open", kind: "scoring", target: { kind: "board" }, deadline: 1_800_000_000_000 },
  { type: "prework.extend", deadline: 1_800_000_000_000 },
  { type: "prework.close" },
  { type: "prework.reveal" },
  { type: "prework.clear" },
  { type: "groups.define", name: "Engineering", code: "eng-join-code-000001" },
  { type: "groups.rename", groupId: "g1", name: "Eng" },
  { type: "groups.remove", groupId: "g1" },
  { type: "groups.newLink", groupId: "g1", code: "eng-join-code-000002" },
  { type: "groups.settings", floor: 4 },
  { type: "groups.assign", ref: 1, groupId: null },
  { type: "notes.colours", mode: "author" },
];

async function rest(server: TestServer, boardId: string, token: string, command: Command, participant = ALICE) {
  const response = await fetch(
    `${server.url}/api/boards/${boardId}/facilitation/commands?token=${token}&participant=${participant}`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command }) },
  );
  return { status: response.status, body: (await response.json()) as unknown };
}

async function restView(server: TestServer, boardId: string, token: string, participant: string) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/facilitation?token=${token}&participant=${participant}`);
  expect(response.status).toBe(200);
  return FacilitationView.parse(await response.json());
}

/** A sticky as Quadrant makes it: tagged as a note, so RULE 9 of @quadrant/templates counts it. */
function note(id: string, x: number, y: number, extra: Record<string, unknown> = {}) {
  const customData = { quadrant: { role: "note" } };
  return { id, type: "rectangle", x, y, width: 100, height: 60, version: 1, isDeleted: false, customData, ...extra };
}

describe("facilitation over the websocket and REST", () => {
  let server: TestServer;
  const open: { close(): void }[] = [];
  const stock: StockClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
    for (const client of stock.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await server.close();
  });

  async function connect(boardId: string, token: string, participant: string): Promise<ControlClient> {
    const client = await controlClient(server.wsUrl, boardId, token, participant);
    open.push(client);
    return client;
  }

  it("covers every facilitator command in this test", () => {
    expect(new Set(EVERY_FACILITATOR_COMMAND.map((c) => c.type))).toEqual(new Set(FACILITATOR_COMMANDS));
  });

  it("refuses every facilitator command from editors and viewers, over raw frames and REST, and nothing changes", async () => {
    const board = await createBoard(server.url);
    const editor = await connect(board.id, board.tokens.editor, ALICE);
    const viewer = await connect(board.id, board.tokens.viewer, BOB);
    const before = JSON.stringify(await server.app.storage.getControlState(board.id));
    for (const client of [editor, viewer]) {
      for (const command of EVERY_FACILITATOR_COMMAND) {
        const answer = await client.send(command);
        expect(answer, `${command.type}`).toMatchObject({ type: "refused", reason: "forbidden" });
      }
    }
    for (const token of [board.tokens.editor, board.tokens.viewer]) {
      for (const command of EVERY_FACILITATOR_COMMAND) {
        const { status, body } = await rest(server, board.id, token, command);
        expect(status, command.type).toBe(403);
        expect(body).toMatchObject({ error: { code: "forbidden" } });
      }
    }
    expect(JSON.stringify(await server.app.storage.getControlState(board.id))).toBe(before);
    const view = await restView(server, board.id, board.tokens.facilitator, FAC);
    expect(view.timer.status).toBe("idle");
    expect(view.lock.board).toBe(false);
    expect(view.vote).toBeNull();
    // The facilitator's own frames do work.
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    expect(await facilitator.send({ type: "lock.board", locked: true })).toMatchObject({ type: "view" });
  });

  it("rejects malformed control frames without closing the socket", async () => {
    const board = await createBoard(server.url);
    const editor = await connect(board.id, board.tokens.editor, ALICE);
    editor.sendRaw({ id: 1, command: { type: "vote.cast", noteId: "x", extra: true } });
    editor.sendRaw("not even an object");
    await waitFor(() => editor.messages.filter((m) => m.type === "refused" && m.reason === "invalid").length === 2);
    expect(await editor.send({ type: "ready.set", ready: true })).toMatchObject({ type: "view" });
  });

  it("a socket flooding commands is throttled, and other sockets are not", async () => {
    const board = await createBoard(server.url);
    const flooder = await connect(board.id, board.tokens.editor, ALICE);
    const other = await connect(board.id, board.tokens.editor, BOB);
    for (let i = 0; i < 300; i++) flooder.sendRaw({ id: i, command: { type: "ready.set", ready: i % 2 === 0 } });
    await waitFor(() => flooder.messages.some((m) => m.type === "refused" && m.reason === "limit"), { message: "throttled" });
    const views = () => flooder.messages.filter((m) => m.type === "view").length;
    await waitFor(() => views() >= 60, { message: "burst accepted" });
    expect(views()).toBeLessThan(250);
    expect(await other.send({ type: "ready.set", ready: true })).toMatchObject({ type: "view" });
  });

  it("a participant cannot exceed the vote limit, not even from two sockets", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const first = await connect(board.id, board.tokens.editor, ALICE);
    const second = await connect(board.id, board.tokens.editor, ALICE);
    await facilitator.send({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: false });
    expect(await first.send({ type: "vote.cast", noteId: "n1" })).toMatchObject({ type: "view" });
    expect(await second.send({ type: "vote.cast", noteId: "n2" })).toMatchObject({ type: "view" });
    expect(await first.send({ type: "vote.cast", noteId: "n2" })).toMatchObject({ type: "refused", reason: "limit" });
    expect(await second.send({ type: "vote.cast", noteId: "n3" })).toMatchObject({ type: "view" });
    expect(await first.send({ type: "vote.cast", noteId: "n4" })).toMatchObject({ type: "refused", reason: "limit" });
    const { status } = await rest(server, board.id, board.tokens.editor, { type: "vote.cast", noteId: "n5" }, ALICE);
    expect(status).toBe(409);
    const view = await first.waitForView((v) => v.vote?.remaining === 0);
    expect(view.vote?.myBallot).toEqual({ n1: 1, n2: 1, n3: 1 });
    await facilitator.send({ type: "vote.reveal" });
    const revealed = await first.waitForView((v) => v.vote?.status === "revealed");
    expect(revealed.vote?.results?.reduce((n, r) => n + r.votes, 0)).toBe(3);
  });

  it("ballots, scores and private notes never reach another connection before reveal", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const alice = await connect(board.id, board.tokens.editor, ALICE);
    const bob = await connect(board.id, board.tokens.editor, BOB);
    const observer = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    stock.push(observer);
    await observer.synced();

    await facilitator.send({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true });
    await facilitator.send({ type: "scoring.open", target: { kind: "board" } });
    await facilitator.send({ type: "brainstorm.start" });
    await alice.send({ type: "ready.set", ready: true, name: "Alice" });
    await alice.send({ type: "vote.cast", noteId: "BallotMarkerNoteQ7" });
    await alice.send({ type: "scoring.submit", noteId: "ScoreMarkerNoteZ9", impact: 9, effort: 2 });
    await alice.send({
      type: "brainstorm.put",
      element: { id: "PrivateElementK4", type: "text", text: "PRIVATE-IDEA-MARKER-58213", x: 0, y: 0 },
    });
    const aliceView = await alice.waitForView((v) => v.brainstorm.mine.length === 1);
    expect(aliceView.vote?.myBallot).toEqual({ BallotMarkerNoteQ7: 1 });
    expect(aliceView.scoring?.mine).toEqual({ ScoreMarkerNoteZ9: { impact: 9, effort: 2 } });
    await waitFor(() => facilitator.latestView()?.brainstorm.heldCount === 1);

    const secrets = ["BallotMarkerNoteQ7", "ScoreMarkerNoteZ9", "PrivateElementK4", "PRIVATE-IDEA-MARKER-58213", ALICE];
    for (const [name, client] of [["bob", bob], ["facilitator", facilitator]] as const) {
      const traffic = client.traffic();
      for (const secret of secrets) expect(traffic.includes(secret), `${secret} in ${name}'s traffic`).toBe(false);
    }
    expect(elementsMap(observer.doc).has("PrivateElementK4")).toBe(false);
    const fromRest = JSON.stringify(await restView(server, board.id, board.tokens.editor, BOB));
    for (const secret of secrets) expect(fromRest.includes(secret)).toBe(false);

    // The reveal inserts the private note into the document for everyone.
    await facilitator.send({ type: "brainstorm.reveal" });
    await waitFor(() => elementsMap(observer.doc).get("PrivateElementK4")?.text === "PRIVATE-IDEA-MARKER-58213");
    await bob.waitForView((v) => !v.brainstorm.on);
    // After the vote reveal: totals only, never who voted.
    await facilitator.send({ type: "vote.reveal" });
    await facilitator.send({ type: "scoring.reveal" });
    const revealed = await bob.waitForView((v) => v.scoring?.status === "revealed" && v.vote?.status === "revealed");
    expect(revealed.vote?.results).toEqual([{ noteId: "BallotMarkerNoteQ7", votes: 1 }]);
    expect(revealed.scoring?.results?.[0]).toMatchObject({ noteId: "ScoreMarkerNoteZ9", meanImpact: 9, meanEffort: 2 });
    expect(bob.traffic().includes(ALICE)).toBe(false);
  });

  it("SS15: an editor's element written straight into the document during private mode is held until the reveal, never relayed", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const bob = await connect(board.id, board.tokens.editor, BOB);
    await facilitator.send({ type: "brainstorm.start" });
    // A client path that forgets to divert (the quick-note field once did) writes the note into Y.
    const careless = stockClient(server.wsUrl, board.id, board.tokens.editor, { params: { participant: ALICE } });
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    stock.push(careless, watcher);
    await Promise.all([careless.synced(), watcher.synced()]);
    elementsMap(careless.doc).set("leakyNote", note("leakyNote", 0, 0, { text: "HELD-UPDATE-MARKER-7731" }));
    await waitFor(() => facilitator.latestView()?.brainstorm.heldCount === 1);
    // Its later edits are held behind it.
    elementsMap(careless.doc).set("leakyNote", note("leakyNote", 0, 0, { text: "HELD-UPDATE-MARKER-7731 edited", version: 2 }));
    await server.app.rooms.flushAll();
    for (const [name, client] of [["bob", bob], ["facilitator", facilitator]] as const) {
      expect(client.traffic().includes("HELD-UPDATE-MARKER-7731"), `marker in ${name}'s traffic`).toBe(false);
    }
    expect(elementsMap(watcher.doc).has("leakyNote")).toBe(false);
    expect(elementsMap(server.app.rooms.get(board.id)!.doc).has("leakyNote")).toBe(false);

    await facilitator.send({ type: "brainstorm.reveal" });
    await waitFor(() => elementsMap(watcher.doc).get("leakyNote")?.text === "HELD-UPDATE-MARKER-7731 edited");
    // After the reveal the author's edits flow again.
    elementsMap(careless.doc).set("afterReveal", note("afterReveal", 0, 0));
    await waitFor(() => elementsMap(watcher.doc).has("afterReveal"));
  });

  it("a board lock makes editors read-only on the server; the facilitator still writes", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    await facilitator.send({ type: "lock.board", locked: true });
    const editor = stockClient(server.wsUrl, board.id, board.tokens.editor);
    const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    const watcher = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    stock.push(editor, writer, watcher);
    await Promise.all([editor.synced(), writer.synced(), watcher.synced()]);
    elementsMap(editor.doc).set("fromEditor", note("fromEditor", 0, 0));
    elementsMap(writer.doc).set("fromFacilitator", note("fromFacilitator", 0, 0));
    await waitFor(() => elementsMap(watcher.doc).has("fromFacilitator"));
    await server.app.rooms.flushAll();
    expect(elementsMap(watcher.doc).has("fromEditor")).toBe(false);
    expect(elementsMap(server.app.rooms.get(board.id)!.doc).has("fromEditor")).toBe(false);

    await facilitator.send({ type: "lock.board", locked: false });
    // A fresh editor: the first one's later updates depend on its dropped one
    // (Yjs holds them as pending) until it reconnects and re-syncs.
    const later = stockClient(server.wsUrl, board.id, board.tokens.editor);
    stock.push(later);
    await later.synced();
    elementsMap(later.doc).set("afterUnlock", note("afterUnlock", 0, 0));
    await waitFor(() => elementsMap(watcher.doc).has("afterUnlock"));
  });

  it("accepting the mean moves the note to that position on its matrix frame; a frame lock locks its chrome only", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const alice = await connect(board.id, board.tokens.editor, ALICE);
    const bob = await connect(board.id, board.tokens.editor, BOB);
    const writer = stockClient(server.wsUrl, board.id, board.tokens.facilitator);
    stock.push(writer);
    await writer.synced();
    const elements = elementsMap(writer.doc);
    elements.set("matrix", { id: "matrix", type: "frame", x: 0, y: 0, width: 900, height: 900, version: 1 });
    elements.set("axis", { id: "axis", type: "line", x: 0, y: 450, width: 900, height: 0, frameId: "matrix", version: 1 });
    elements.set("idea", note("idea", 100, 100, { frameId: "matrix", index: "a0" }));
    // Already sitting where the mean will put "idea", and above it in z-order.
    elements.set("cover", note("cover", 250, 270, { frameId: "matrix", index: "a5" }));
    elements.set("outside", note("outside", 2000, 2000));
    const room = await waitFor(() => {
      const r = server.app.rooms.get(board.id);
      return r && elementsMap(r.doc).has("idea") ? r : null;
    });
    expect(room).toBeTruthy();

    await facilitator.send({ type: "scoring.open", target: { kind: "frame", frameId: "matrix" }, threshold: 2 });
    expect(await alice.send({ type: "scoring.submit", noteId: "outside", impact: 1, effort: 1 })).toMatchObject({
      type: "refused",
      reason: "not-found",
    });
    await alice.send({ type: "scoring.submit", noteId: "idea", impact: 10, effort: 1 });
    await bob.send({ type: "scoring.submit", noteId: "idea", impact: 4, effort: 7 });
    await facilitator.send({ type: "scoring.reveal" });
    const view = await facilitator.waitForView((v) => v.scoring?.status === "revealed");
    expect(view.scoring?.results?.find((r) => r.noteId === "idea")).toMatchObject({ meanImpact: 7, meanEffort: 4, discuss: true });
    await facilitator.send({ type: "scoring.accept", noteId: "idea" });
    // effort 4 → 1/3 across, impact 7 → 1/3 down: centre (300, 300), note 100×60.
    await waitFor(() => {
      const idea = elements.get("idea");
      return typeof idea?.x === "number" && typeof idea.y === "number" && Math.abs(idea.x - 250) < 0.01 && Math.abs(idea.y - 270) < 0.01;
    });
    // The accepted note comes out on top, never hidden under the one already there.
    expect(String(elements.get("idea")?.index) > String(elements.get("cover")?.index)).toBe(true);

    await facilitator.send({ type: "lock.frame", frameId: "matrix", locked: true });
    await waitFor(() => elements.get("matrix")?.locked === true && elements.get("axis")?.locked === true);
    expect(elements.get("idea")?.locked).toBeUndefined();
  });

  it("bring everyone here reaches every opted-in connection as a one-shot message", async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    const alice = await connect(board.id, board.tokens.editor, ALICE);
    const viewer = await connect(board.id, board.tokens.viewer, BOB);
    await facilitator.send({ type: "focus.summon", viewport: { x: 500, y: -200, zoom: 0.8 } });
    for (const client of [alice, viewer]) {
      await waitFor(() => client.messages.some((m) => m.type === "summon" && m.viewport.x === 500));
    }
  });

  it("stock clients never receive a control frame", async () => {
    const board = await createBoard(server.url);
    const plain = stockClient(server.wsUrl, board.id, board.tokens.editor);
    stock.push(plain);
    const received: number[] = [];
    plain.provider.on("status", () => undefined);
    await plain.synced();
    const socket = plain.provider.ws;
    socket?.addEventListener("message", (event: MessageEvent) => {
      const data = new Uint8Array(event.data as ArrayBuffer);
      if (data[0] !== undefined) received.push(data[0]);
    });
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC);
    await facilitator.send({ type: "timer.start" });
    await facilitator.send({ type: "focus.summon", viewport: { x: 0, y: 0, zoom: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.includes(100)).toBe(false);
  });
});

describe("facilitation state survives a restart", () => {
  it("timer, vote, private notes, scores, a rating round, who took part and the lock come back from SQLite", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "quadrant-facilitation-"));
    let clock = 1_800_000_000_000;
    const deps = { now: () => new Date(clock) };
    try {
      const first = await startTestServer({ storage: "sqlite", dataDir }, deps);
      const board = await createBoard(first.url);
      const facilitator = await controlClient(first.wsUrl, board.id, board.tokens.facilitator, FAC);
      const alice = await controlClient(first.wsUrl, board.id, board.tokens.editor, ALICE);
      const writer = stockClient(first.wsUrl, board.id, board.tokens.facilitator);
      await writer.synced();
      writeTemplate(writer.doc, { id: "card", kind: "health-scorecard", frameId: "cardFrame", title: "Technical health", zones: [], createdAt: 1 });
      await waitFor(() => readTemplate(first.app.rooms.get(board.id)!.doc, "card"));
      writer.destroy();
      await facilitator.send({ type: "rating.open", templateId: "card", threshold: 0.5 });
      await alice.send({ type: "rating.submit", dimension: "security", rating: 2 });
      await facilitator.send({ type: "presence.hello", name: "Fran" });
      await alice.send({ type: "presence.hello", name: "Alice" });
      await facilitator.send({ type: "timer.set", minutes: 10 });
      await facilitator.send({ type: "timer.start" });
      await facilitator.send({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 2, allowStacking: true });
      await facilitator.send({ type: "brainstorm.start" });
      await facilitator.send({ type: "scoring.open", target: { kind: "board" } });
      await alice.send({ type: "vote.cast", noteId: "n1" });
      await alice.send({ type: "vote.cast", noteId: "n1" });
      await alice.send({ type: "scoring.submit", noteId: "n1", impact: 3, effort: 8 });
      await alice.send({ type: "brainstorm.put", element: { id: "held1", type: "text", text: "kept" } });
      await alice.send({ type: "ready.set", ready: true, name: "Alice" });
      await facilitator.send({ type: "lock.board", locked: true });
      facilitator.close();
      alice.close();
      await first.close();

      clock += 4 * 60_000;
      const second = await startTestServer({ storage: "sqlite", dataDir }, deps);
      try {
        const again = await controlClient(second.wsUrl, board.id, board.tokens.editor, ALICE);
        const view = again.latestView()!;
        expect(view.timer).toMatchObject({ status: "running", remainingMs: 6 * 60_000 });
        expect(view.serverNow).toBe(clock);
        expect(view.vote).toMatchObject({ status: "open", myBallot: { n1: 2 }, remaining: 0 });
        expect(view.scoring?.mine).toEqual({ n1: { impact: 3, effort: 8 } });
        expect(view.brainstorm).toMatchObject({ on: true, mine: [{ id: "held1", type: "text", text: "kept" }] });
        expect(view.lock.board).toBe(true);
        expect(view.ready.me).toBe(true);
        expect(view.rating).toMatchObject({ templateId: "card", threshold: 0.5, status: "open", mine: { security: 2 }, results: null });
        const facilitatorAgain = await controlClient(second.wsUrl, board.id, board.tokens.facilitator, FAC);
        // The test clock stands still, so both arrived at once and the names decide the order.
        expect(facilitatorAgain.latestView()?.participants).toEqual({
          count: 2,
          who: [
            { name: "Alice", role: "editor" },
            { name: "Fran", role: "facilitator" },
          ],
        });
        expect(facilitatorAgain.latestView()?.rating?.raters).toBe(1);
        facilitatorAgain.close();
        expect(await again.send({ type: "vote.cast", noteId: "n2" })).toMatchObject({ type: "refused", reason: "limit" });
        // The lock is enforced again after the restart.
        const editor = stockClient(second.wsUrl, board.id, board.tokens.editor);
        const watcher = stockClient(second.wsUrl, board.id, board.tokens.facilitator);
        await Promise.all([editor.synced(), watcher.synced()]);
        elementsMap(editor.doc).set("blocked", note("blocked", 0, 0));
        elementsMap(watcher.doc).set("allowed", note("allowed", 0, 0));
        await waitFor(() => elementsMap(editor.doc).has("allowed"));
        await second.app.rooms.flushAll();
        expect(elementsMap(watcher.doc).has("blocked")).toBe(false);
        editor.destroy();
        watcher.destroy();
        again.close();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
