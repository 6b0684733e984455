import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { elementsMap, notesMap, templatesMap } from "@quadrant/board-model";
import { type Command, FacilitationView } from "@quadrant/facilitation";
import { buildStickyNote, buildTemplate, positionFromScores } from "@quadrant/templates";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { type ControlClient, controlClient } from "../../test-support/control-test-client";

const FAC = "facilitator-participant-0001";
const ALICE = "alice-participant-00000001";
const BOB = "bobby-participant-00000001";
const VIC = "viewer-participant-0000001";

const start = (threadId: string, text: string, extra: Partial<Extract<Command, { type: "comment.start" }>> = {}): Command => ({
  type: "comment.start",
  threadId,
  messageId: `${threadId}-m1`,
  anchor: { kind: "point", x: 10, y: 20 },
  text,
  ...extra,
});

/** Four sockets and several exports a test: on a shared, loaded machine that is more than vitest's default 5 s. */
const SOCKET_TEST_MS = 20_000;

describe("comments over the websocket, REST and exports", () => {
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

  async function connect(boardId: string, token: string, participant: string, name: string): Promise<ControlClient> {
    const client = await controlClient(server.wsUrl, boardId, token, participant);
    open.push(client);
    await client.send({ type: "presence.hello", name });
    return client;
  }

  async function restView(boardId: string, token: string, participant: string) {
    const response = await fetch(`${server.url}/api/boards/${boardId}/facilitation?token=${token}&participant=${participant}`);
    expect(response.status).toBe(200);
    return FacilitationView.parse(await response.json());
  }

  async function exported(boardId: string, token: string, query: string): Promise<string> {
    const response = await fetch(`${server.url}/api/boards/${boardId}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  it("a comment written in private mode is in no byte another socket receives, nor in any export, until the reveal", { timeout: SOCKET_TEST_MS }, async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC, "Fran");
    const alice = await connect(board.id, board.tokens.editor, ALICE, "Alice");
    const bob = await connect(board.id, board.tokens.editor, BOB, "Bob");
    const viewer = await connect(board.id, board.tokens.viewer, VIC, "Vic");
    const observer = stockClient(server.wsUrl, board.id, board.tokens.viewer);
    stock.push(observer);
    await observer.synced();
    expect(await bob.send(start("PublicThreadA1", "public question"))).toMatchObject({ type: "view" });

    await facilitator.send({ type: "brainstorm.start" });
    await alice.send(start("HeldThreadQ7", "HELD-COMMENT-MARKER-4411", { messageId: "HeldMessageW2" }));
    await alice.send({ type: "comment.reply", threadId: "PublicThreadA1", messageId: "HeldReplyZ3", text: "HELD-REPLY-MARKER-9902" });
    const mine = await alice.waitForView((v) => v.comments.threads.length === 2 && v.comments.threads[0]!.messages.length === 2);
    expect(mine.comments.threads[1]).toMatchObject({ id: "HeldThreadQ7", messages: [{ held: true, text: "HELD-COMMENT-MARKER-4411" }] });
    // A later command's view reaches everyone after the views Alice's commands made.
    await bob.send({ type: "ready.set", ready: true });
    for (const client of [facilitator, viewer]) await client.waitForView((v) => v.ready.count === 1);

    const secrets = ["HELD-COMMENT-MARKER-4411", "HELD-REPLY-MARKER-9902", "HeldThreadQ7", "HeldMessageW2", "HeldReplyZ3", ALICE];
    const others = [["bob", bob], ["facilitator", facilitator], ["viewer", viewer]] as const;
    for (const [name, client] of others) {
      const traffic = client.traffic();
      for (const secret of secrets) expect(traffic.includes(secret), `${secret} in ${name}'s traffic`).toBe(false);
    }
    const fromRest = JSON.stringify(await restView(board.id, board.tokens.facilitator, FAC));
    for (const secret of secrets) expect(fromRest.includes(secret)).toBe(false);
    for (const query of ["format=md&comments=all", "format=csv&comments=all", "format=json"]) {
      const file = await exported(board.id, board.tokens.facilitator, query);
      for (const secret of secrets) expect(file.includes(secret), `${secret} in ${query}`).toBe(false);
    }
    expect(await exported(board.id, board.tokens.facilitator, "format=md")).toContain("public question");

    await facilitator.send({ type: "brainstorm.reveal" });
    const released = await bob.waitForView((v) => v.comments.threads.length === 2);
    expect(released.comments.threads.map((t) => t.messages.map((m) => [m.author, m.text, m.held]))).toEqual([
      [
        ["Bob", "public question", false],
        ["Alice", "HELD-REPLY-MARKER-9902", false],
      ],
      [["Alice", "HELD-COMMENT-MARKER-4411", false]],
    ]);
    expect(released.comments.unread).toBe(2);
    expect(await exported(board.id, board.tokens.editor, "format=md")).toContain("HELD-COMMENT-MARKER-4411");
    // Still never a participant id.
    expect(bob.traffic().includes(ALICE)).toBe(false);
  });

  it("viewers comment until the facilitator turns it off; then the server refuses them, over the socket and REST", { timeout: SOCKET_TEST_MS }, async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC, "Fran");
    const viewer = await connect(board.id, board.tokens.viewer, VIC, "Vic");
    expect(await viewer.send(start("ViewerThread1", "a stakeholder asks"))).toMatchObject({ type: "view" });
    expect(await viewer.send({ type: "comment.settings", viewersMayComment: false })).toMatchObject({ type: "refused", reason: "forbidden" });
    await facilitator.send({ type: "comment.settings", viewersMayComment: false });
    const off = await viewer.waitForView((v) => !v.comments.mayComment);
    expect(off.comments.threads.map((t) => t.id)).toEqual(["ViewerThread1"]);
    const refused = await viewer.send({ type: "comment.reply", threadId: "ViewerThread1", messageId: "ViewerReply1", text: "more" });
    expect(refused).toMatchObject({ type: "refused", reason: "forbidden", message: "the facilitator has turned comments off for viewers" });
    const response = await fetch(
      `${server.url}/api/boards/${board.id}/facilitation/commands?token=${board.tokens.viewer}&participant=${VIC}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command: start("ViewerThread2", "again") }) },
    );
    expect(response.status).toBe(403);
    const stored = JSON.stringify(await server.app.storage.getControlState(board.id));
    expect(stored).not.toContain("ViewerThread2");
    expect(stored).not.toContain("ViewerReply1");
  });

  it("a reply with an @mention, a resolve and a reopen reach the other client; unread follows the person to a new socket", { timeout: SOCKET_TEST_MS }, async () => {
    const board = await createBoard(server.url);
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC, "Fran");
    const alice = await connect(board.id, board.tokens.editor, ALICE, "Alice");
    await facilitator.send(start("Thread1", "Is SSO really low effort?", { anchor: { kind: "element", elementId: "note1", dx: 100, dy: 0, x: 100, y: 0 } }));
    const asked = await alice.waitForView((v) => v.comments.unread === 1);
    expect(asked.comments.threads[0]).toMatchObject({ anchor: { kind: "element", elementId: "note1" }, unread: 1, mentionsMe: false });

    await alice.send({ type: "comment.reply", threadId: "Thread1", messageId: "Reply1", text: "@Fran yes, the IdP does it", mentions: ["Fran"] });
    const answered = await facilitator.waitForView((v) => v.comments.threads[0]?.messages.length === 2);
    expect(answered.comments.threads[0]).toMatchObject({ unread: 1, mentionsMe: true });
    expect(answered.comments.threads[0]!.messages[1]).toMatchObject({ author: "Alice", mentions: ["Fran"], mentionsMe: true });
    expect(answered.comments.unread).toBe(1);

    await facilitator.send({ type: "comment.resolve", threadId: "Thread1", resolved: true });
    await alice.waitForView((v) => v.comments.threads[0]?.resolved?.by === "Fran");
    await alice.send({ type: "comment.resolve", threadId: "Thread1", resolved: false });
    await facilitator.waitForView((v) => v.comments.threads[0]?.resolved === null);

    // The facilitator reads on one device; another device of theirs shows nothing unread.
    await facilitator.send({ type: "comment.read", threadId: "Thread1" });
    const laptop = await controlClient(server.wsUrl, board.id, board.tokens.facilitator, FAC);
    open.push(laptop);
    expect(laptop.latestView()?.comments.unread).toBe(0);
    await alice.send({ type: "comment.reply", threadId: "Thread1", messageId: "Reply2", text: "one more" });
    await laptop.waitForView((v) => v.comments.unread === 1);
  });

  it("exports: the thread under its initiative in the brief, the CSV count, resolved ones only with comments=all", { timeout: SOCKET_TEST_MS }, async () => {
    const board = await createBoard(server.url, "impact-effort", "Prioritisation");
    const writer = stockClient(server.wsUrl, board.id, board.tokens.editor);
    stock.push(writer);
    await writer.synced();
    let n = 0;
    const ctx = { newId: () => `export-comment-${++n}`, random: () => 0.5, now: 1 };
    const matrix = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 900, height: 900 }, ctx);
    const note = buildStickyNote(positionFromScores({ x: 0, y: 0, width: 900, height: 900 }, { impact: 9, effort: 3 }), "SSO for enterprise", {}, ctx);
    writer.doc.transact(() => {
      for (const e of [...matrix.elements, ...note.elements]) elementsMap(writer.doc).set(String(e["id"]), e);
      templatesMap(writer.doc).set(matrix.instance.id, { ...matrix.instance });
      notesMap(writer.doc).set(note.noteId, { ...note.data });
    });
    await waitFor(() => elementsMap(server.app.rooms.get(board.id)!.doc).has(note.noteId));
    const facilitator = await connect(board.id, board.tokens.facilitator, FAC, "Fran");
    const alice = await connect(board.id, board.tokens.editor, ALICE, "Alice");
    const anchor = { kind: "element" as const, elementId: note.noteId, dx: 0, dy: 0, x: 0, y: 0 };
    await facilitator.send(start("OpenThread", "Who owns this?", { anchor }));
    await alice.send({ type: "comment.reply", threadId: "OpenThread", messageId: "OpenReply", text: "Bo does" });
    await alice.send(start("DoneThread", "Settled: SAML first", { anchor }));
    await facilitator.send({ type: "comment.resolve", threadId: "DoneThread", resolved: true });
    await alice.send(start("BoardThread", "Where is mobile?"));

    const brief = await exported(board.id, board.tokens.editor, "format=md");
    expect(brief).toContain("**Comments on 1. SSO for enterprise**\n\n- **Fran:** Who owns this?\n  - **Alice:** Bo does\n");
    expect(brief).not.toContain("Settled");
    expect(brief).toContain("## Comments\n\n**On the board**\n\n- **Alice:** Where is mobile?\n");
    const all = await exported(board.id, board.tokens.editor, "format=md&comments=all");
    expect(all).toContain("- **Alice:** Settled: SAML first _(resolved)_");

    const csvOf = async (query: string) => {
      const rows = (await exported(board.id, board.tokens.editor, query)).trimEnd().split("\r\n").map((r) => r.split(","));
      const column = rows[0]!.indexOf("comments");
      return rows.find((r) => r[1] === "SSO for enterprise")?.[column];
    };
    expect(await csvOf("format=csv")).toBe("2");
    expect(await csvOf("format=csv&comments=all")).toBe("3");
    const bad = await fetch(`${server.url}/api/boards/${board.id}/export?format=md&comments=resolved`, {
      headers: { authorization: `Bearer ${board.tokens.editor}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("comments is open (the default) or all");
  });
});
