import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DecisionRecord, elementsMap, notesMap, recordsMap, templatesMap } from "@quadrant/board-model";
import { FacilitationState, type GroupDef } from "@quadrant/facilitation";
import { BoardCreated } from "@quadrant/protocol";
import { buildStickyNote, buildTemplate, positionFromScores } from "@quadrant/templates";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";
import { historyApi } from "../../test-support/history-client";

let server: TestServer;
const clients: StockClient[] = [];

beforeEach(async () => {
  server = await startTestServer({ storage: "sqlite" });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

const FACILITATOR = "facilitator-participant-1";

async function get(path: string, token: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function command(board: BoardCreated, token: string, participant: string, body: unknown): Promise<void> {
  const r = await fetch(`${server.url}/api/boards/${board.id}/facilitation/commands?participant=${participant}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ command: body }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
}

const decision: DecisionRecord = {
  kind: "decision",
  id: "dec-1",
  number: 1,
  title: "Build SSO before RBAC",
  status: "accepted",
  date: "2026-12-01",
  deciders: "Fran",
  context: "Enterprise deals stall",
  decision: "SSO first",
  consequences: { positive: "Deals close", negative: "", neutral: "" },
  alternatives: [],
  implementation: "",
  reviewDate: "",
  noteIds: [],
  history: [],
  createdAt: 1,
};

/** A matrix with two scored notes and an ADR, written by an editor through a real socket; resolves once the server holds them. */
async function workshopBoard(): Promise<{ board: BoardCreated; noteIds: string[] }> {
  const board = await createBoard(server.url, "impact-effort", "Offsite | Q1");
  const editor = stockClient(server.wsUrl, board.id, board.tokens.editor);
  clients.push(editor);
  await editor.synced();
  let n = 0;
  const ctx = { newId: () => `round-trip-${String(++n).padStart(3, "0")}`, random: () => 0.5, now: 1 };
  const area = { x: 0, y: 0, width: 900, height: 900 };
  const matrix = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 900, height: 900 }, ctx);
  const notes = [
    buildStickyNote(positionFromScores(area, { impact: 9, effort: 5 }), "SSO for enterprise", { urgency: 8, risk: 6 }, ctx),
    buildStickyNote(positionFromScores(area, { impact: 3, effort: 8 }), "Rewrite the billing engine", { urgency: 2, risk: 9 }, ctx),
  ];
  editor.doc.transact(() => {
    for (const e of [...matrix.elements, ...notes.flatMap((note) => note.elements)]) elementsMap(editor.doc).set(String(e["id"]), e);
    templatesMap(editor.doc).set(matrix.instance.id, { ...matrix.instance });
    for (const note of notes) notesMap(editor.doc).set(note.noteId, { ...note.data });
    recordsMap(editor.doc).set(decision.id, { ...decision });
  });
  await waitFor(async () => (await (await get(`/api/boards/${board.id}/export?format=md`, board.tokens.editor)).text()).includes("Build SSO before RBAC"));
  return { board, noteIds: notes.map((note) => note.noteId) };
}

async function exportText(board: BoardCreated, format: "md" | "csv" | "json"): Promise<string> {
  const r = await get(`/api/boards/${board.id}/export?format=${format}`, board.tokens.editor);
  expect(r.status).toBe(200);
  return r.text();
}

async function importBackup(body: string): Promise<BoardCreated> {
  const r = await fetch(`${server.url}/api/boards/import`, { method: "POST", headers: { "content-type": "application/json" }, body });
  expect(r.status, await r.clone().text()).toBe(201);
  return BoardCreated.parse(await r.json());
}

/** Only the export time may differ between the two briefs (both boards have the same title). */
const withoutExportLine = (md: string) => md.split("\n").filter((line) => !/^_Exported /.test(line)).join("\n");

describe("JSON backup round trip", () => {
  it("a board restored from its backup has the same brief and CSV, votes, agenda and roster included", async () => {
    const { board, noteIds } = await workshopBoard();
    const [sso, billing] = noteIds as [string, string];
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "presence.hello", name: "Fran" });
    await command(board, board.tokens.editor, "editor-participant-0001", { type: "presence.hello", name: "Ana" });
    const steps = [
      { id: "step-1", title: "Diverge", minutes: 10, privateMode: true, vote: null, focusFrameId: null },
      { id: "step-2", title: "Vote", minutes: null, privateMode: false, vote: null, focusFrameId: null },
    ];
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "agenda.set", steps });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true });
    await command(board, board.tokens.editor, "editor-participant-0001", { type: "vote.cast", noteId: sso });
    await command(board, board.tokens.editor, "editor-participant-0002", { type: "vote.cast", noteId: sso });
    await command(board, board.tokens.editor, "editor-participant-0002", { type: "vote.cast", noteId: billing });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.close" });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.reveal" });
    // Comment threads: one on the SSO note with a reply, one on a point of the board, resolved.
    const onNote = { kind: "element", elementId: sso, dx: 10, dy: 10, x: 10, y: 10 };
    await command(board, board.tokens.editor, "editor-participant-0001", { type: "comment.start", threadId: "thread-sso", messageId: "msg-1", anchor: onNote, text: "Why SSO before RBAC?" });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "comment.reply", threadId: "thread-sso", messageId: "msg-2", text: "Enterprise deals wait on it" });
    await command(board, board.tokens.editor, "editor-participant-0001", { type: "comment.start", threadId: "thread-lunch", messageId: "msg-3", anchor: { kind: "point", x: 1200, y: 40 }, text: "Lunch at 12:30" });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "comment.resolve", threadId: "thread-lunch", resolved: true });

    const md = await exportText(board, "md");
    expect(md).toMatch(/\| SSO for enterprise \|.*\| 2 \|/);
    expect(md).toContain("Why SSO before RBAC?");
    expect(md).toContain("Enterprise deals wait on it");
    expect(md).toContain("Fran");
    const copy = await importBackup(await exportText(board, "json"));
    expect(copy.id).not.toBe(board.id);

    expect(withoutExportLine(await exportText(copy, "md"))).toBe(withoutExportLine(md));
    expect(await exportText(copy, "csv")).toBe(await exportText(board, "csv"));
    const allComments = async (b: BoardCreated) => (await get(`/api/boards/${b.id}/export?format=md&comments=all`, b.tokens.editor)).text();
    const withResolved = await allComments(board);
    expect(withResolved).toContain("Lunch at 12:30");
    expect(withoutExportLine(await allComments(copy))).toBe(withoutExportLine(withResolved));
    // The restored state is the new board's control state: its facilitator sees the results.
    const view = await get(`/api/boards/${copy.id}/facilitation?participant=${FACILITATOR}`, copy.tokens.facilitator);
    expect(view.status).toBe(200);
    const body = (await view.json()) as { voteResults: Array<{ ranking: unknown }>; participants: { who: unknown }; agenda: unknown };
    expect(body.agenda).toEqual({ steps, current: -1 });
    expect(body.voteResults.at(-1)?.ranking).toEqual([
      { noteId: sso, votes: 2 },
      { noteId: billing, votes: 1 },
    ]);
    expect(body.participants.who).toEqual([
      { name: "Fran", role: "facilitator" },
      { name: "Ana", role: "editor" },
    ]);
  });

  it("lists the board's history labels, newest first, and a backup carrying them imports", async () => {
    const { board } = await workshopBoard();
    await historyApi(server.url, board.id, board.tokens.facilitator).checkpoint("before lunch");
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.open", target: { kind: "board" }, votesPerPerson: 1, allowStacking: false });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.close" });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.reveal" });
    const backup = await waitFor(async () => {
      const parsed = JSON.parse(await exportText(board, "json")) as { history?: Array<{ label: string; trigger: string; createdAt: string }> };
      return parsed.history?.length === 2 ? parsed : null;
    }, { message: "the vote's snapshot in the backup" });
    const history = backup?.history ?? [];
    expect(history.map(({ label, trigger }) => ({ label, trigger }))).toEqual([
      { label: "Vote 1 revealed", trigger: "vote-reveal" },
      { label: "before lunch", trigger: "checkpoint" },
    ]);
    expect(Date.parse(history[0]?.createdAt ?? "")).not.toBeNaN();
    const copy = await importBackup(JSON.stringify(backup));
    // Labels only: the new board starts its own history.
    expect(await historyApi(server.url, copy.id, copy.tokens.facilitator).list()).toEqual([]);
  });

  it("carries no ballot of a vote not yet revealed and no participant id", async () => {
    const { board, noteIds } = await workshopBoard();
    const [sso] = noteIds as [string];
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true });
    await command(board, board.tokens.editor, "secret-voter-0001", { type: "vote.cast", noteId: sso });
    await command(board, board.tokens.editor, "secret-voter-0001", { type: "presence.hello", name: "Bea" });
    await command(board, board.tokens.facilitator, FACILITATOR, { type: "vote.close" });

    const json = await exportText(board, "json");
    const backup = JSON.parse(json) as { facilitation: { voteResults: unknown[]; roster: unknown[] } };
    expect(backup.facilitation.voteResults).toEqual([]);
    expect(backup.facilitation.roster).toEqual([{ name: "Bea", role: "editor" }]);
    expect(json).not.toContain("secret-voter-0001");
    expect(json).not.toContain("ballots");
    expect(json).not.toMatch(/"votes":/);
  });

  it("rejects a backup whose facilitation part is malformed, naming the field", async () => {
    const { board } = await workshopBoard();
    const backup = JSON.parse(await exportText(board, "json")) as { facilitation: Record<string, unknown> };
    backup.facilitation["ballots"] = { someone: { x: 1 } };
    const r = await fetch(`${server.url}/api/boards/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(backup),
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/facilitation.*ballots|ballots.*facilitation/);
  });
});

/** The board's stored facilitation state (read for assertions only). */
async function controlState(board: BoardCreated): Promise<FacilitationState> {
  return FacilitationState.parse(await server.app.storage.getControlState(board.id));
}

describe("JSON backup round trip: groups and pre-work", () => {
  const ENG_CODE = "engineering-join-code-0001";
  const SALES_CODE = "sales-join-code-0000000001";
  const people = [
    { id: "ana-participant-000001", name: "Ana", code: ENG_CODE },
    { id: "ben-participant-000001", name: "Ben", code: ENG_CODE },
    { id: "cy-participant-0000001", name: "Cy", code: SALES_CODE },
    { id: "di-participant-0000001", name: "Di", code: SALES_CODE },
  ];

  /** Two groups of two (floor 2), a revealed vote with results by group, and a pre-work vote two people answered. */
  async function groupsBoard(revealPrework: boolean): Promise<{ board: BoardCreated; sso: string; billing: string }> {
    const { board, noteIds } = await workshopBoard();
    const [sso, billing] = noteIds as [string, string];
    const fac = (body: unknown) => command(board, board.tokens.facilitator, FACILITATOR, body);
    await fac({ type: "presence.hello", name: "Fran" });
    await fac({ type: "groups.define", name: "Engineering", code: ENG_CODE });
    await fac({ type: "groups.define", name: "Sales", code: SALES_CODE });
    await fac({ type: "groups.settings", floor: 2 });
    for (const p of people) {
      await command(board, board.tokens.editor, p.id, { type: "presence.hello", name: p.name });
      await command(board, board.tokens.editor, p.id, { type: "groups.join", code: p.code });
    }
    await fac({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 2, allowStacking: true });
    // Engineering puts both dots on SSO, Sales both on billing: the groups disagree.
    for (const p of people) for (let i = 0; i < 2; i++) await command(board, board.tokens.editor, p.id, { type: "vote.cast", noteId: p.code === ENG_CODE ? sso : billing });
    await fac({ type: "vote.close" });
    await fac({ type: "vote.reveal" });
    await fac({ type: "prework.open", kind: "vote", target: { kind: "board" }, deadline: Date.now() + 3_600_000, instruction: "Two dots each", votesPerPerson: 2 });
    for (const p of people.slice(0, 2)) {
      await command(board, board.tokens.editor, p.id, { type: "prework.submit", name: p.name, answer: { kind: "vote", ballot: { [sso]: 1, [billing]: 1 } } });
    }
    if (revealPrework) {
      await fac({ type: "prework.close" });
      await fac({ type: "prework.reveal" });
    }
    return { board, sso, billing };
  }

  it("a restored board has the same brief and CSV: results by group, who was in which group, who did the pre-work", async () => {
    const { board } = await groupsBoard(true);
    const md = await exportText(board, "md");
    expect(md).toContain("## Results by group");
    expect(md).toContain("groups disagree");
    expect(md).toMatch(/Engineering.*Ana, Ben/);
    expect(md).toMatch(/Pre-work/);
    const json = await exportText(board, "json");
    // Join codes are bearer secrets and answers are secret: neither is in the backup.
    expect(json).not.toContain(ENG_CODE);
    expect(json).not.toContain("ballot");
    expect(json).not.toContain(people[0]!.id);

    const r = await fetch(`${server.url}/api/boards/import`, { method: "POST", headers: { "content-type": "application/json" }, body: json });
    expect(r.status, await r.clone().text()).toBe(201);
    const copy = (await r.json()) as BoardCreated & { dropped: string[] };
    expect(copy.dropped).toEqual([]);
    expect(withoutExportLine(await exportText(copy, "md"))).toBe(withoutExportLine(md));
    expect(await exportText(copy, "csv")).toBe(await exportText(board, "csv"));
    // The restored groups have new join codes: the original board's links do not place anyone in the copy.
    const groups = (await controlState(copy)).groups.list;
    expect(groups.map((g) => g.name)).toEqual(["Engineering", "Sales"]);
    for (const g of groups) expect([ENG_CODE, SALES_CODE]).not.toContain(g.code);
  });

  it("an open pre-work comes back open without its answers, and the importer is told how many", async () => {
    const { board } = await groupsBoard(false);
    const r = await fetch(`${server.url}/api/boards/import`, { method: "POST", headers: { "content-type": "application/json" }, body: await exportText(board, "json") });
    expect(r.status).toBe(201);
    const copy = (await r.json()) as BoardCreated & { dropped: string[] };
    expect(copy.dropped).toEqual([expect.stringMatching(/^facilitation\.prework: 2 answers not restored: .*Reveal the pre-work on the original board/)]);
    expect((await controlState(copy)).prework).toMatchObject({ status: "open", instruction: "Two dots each", submissions: {} });
  });

  it("the copy's next round gets its own results by group (round ids continue after the restored ones)", async () => {
    const { board, sso } = await groupsBoard(true);
    const copy = await importBackup(await exportText(board, "json"));
    const fac = (body: unknown) => command(copy, copy.tokens.facilitator, FACILITATOR, body);
    await fac({ type: "presence.hello", name: "Fran" });
    const restored = await controlState(copy);
    const [eng, sales] = restored.groups.list as [GroupDef, GroupDef];
    for (const p of people) {
      await command(copy, copy.tokens.editor, p.id, { type: "presence.hello", name: p.name });
      await command(copy, copy.tokens.editor, p.id, { type: "groups.join", code: p.code === ENG_CODE ? eng.code : sales.code });
    }
    await fac({ type: "vote.open", target: { kind: "board" }, votesPerPerson: 1, allowStacking: false });
    for (const p of people) await command(copy, copy.tokens.editor, p.id, { type: "vote.cast", noteId: sso });
    await fac({ type: "vote.close" });
    await fac({ type: "vote.reveal" });
    const after = await controlState(copy);
    expect(after.groups.results.length).toBe(restored.groups.results.length + 1);
    const ids = after.groups.results.map((r) => r.roundId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
