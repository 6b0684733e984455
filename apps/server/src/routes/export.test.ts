import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DecisionRecord, elementsMap, notesMap, recordsMap, templatesMap } from "@quadrant/board-model";
import { BoardCreated, ErrorBody } from "@quadrant/protocol";
import { buildStickyNote, buildTemplate, positionFromScores } from "@quadrant/templates";
import { createBoard } from "../../test-support/create-board";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

let server: TestServer;
const clients: StockClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

/** waitFor for checks that answer null until ready, typed as the ready value. */
async function until<T>(check: () => Promise<T | null>): Promise<T> {
  const value = await waitFor(check);
  if (value === null) throw new Error("not ready");
  return value;
}

function ctx() {
  let n = 0;
  return { newId: () => `srv-export-${String(++n).padStart(3, "0")}`, random: () => 0.5, now: 1 };
}

/** An editor puts a matrix and one scored note on the board through a real socket. */
async function boardWithMatrix(): Promise<{ board: BoardCreated; noteId: string }> {
  const board = await createBoard(server.url, "impact-effort", "Prioritisation | Q1");
  const editor = stockClient(server.wsUrl, board.id, board.tokens.editor);
  clients.push(editor);
  await editor.synced();
  const c = ctx();
  const matrix = buildTemplate("impact-effort", { x: 0, y: 0 }, { width: 900, height: 900 }, c);
  const note = buildStickyNote(positionFromScores({ x: 0, y: 0, width: 900, height: 900 }, { impact: 9, effort: 5 }), "SSO for enterprise", { urgency: 8, risk: 6 }, c);
  editor.doc.transact(() => {
    for (const e of [...matrix.elements, ...note.elements]) elementsMap(editor.doc).set(String(e["id"]), e);
    templatesMap(editor.doc).set(matrix.instance.id, { ...matrix.instance });
    notesMap(editor.doc).set(note.noteId, { ...note.data });
  });
  return { board, noteId: note.noteId };
}

async function get(path: string, token?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe("GET /api/boards/:id/export", () => {
  it("returns the Markdown brief computed from the server's copy of the document", async () => {
    const { board } = await boardWithMatrix();
    const md = await until(async () => {
      const r = await get(`/api/boards/${board.id}/export?format=md`, board.tokens.editor);
      const text = await r.text();
      return r.status === 200 && text.includes("SSO for enterprise") ? { r, text } : null;
    });
    expect(md.r.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(md.r.headers.get("content-disposition")).toBe('attachment; filename="Prioritisation-Q1.md"');
    expect(md.text).toContain("# Strategy brief: Prioritisation \\| Q1");
    expect(md.text).toMatch(/\| 1 \| SSO for enterprise \| Quick Wins \| 9\.0 \| 5\.0 \| 8\.0 \| 6\.0 \| 17\.5 \| 0 \|/);
  });

  it("returns CSV with a BOM and one row per note, to the facilitator too", async () => {
    const { board, noteId } = await boardWithMatrix();
    const csv = await until(async () => {
      const r = await get(`/api/boards/${board.id}/export?format=csv&token=${board.tokens.facilitator}`);
      const text = await r.text();
      return text.includes(noteId) ? text : null;
    });
    // fetch's text() strips the BOM; check the bytes
    const bytes = new Uint8Array(await (await get(`/api/boards/${board.id}/export?format=csv`, board.tokens.facilitator)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split("\r\n")[1]).toBe(`${noteId},SSO for enterprise,Impact / Effort,Quick Wins,,9,5,8,6,17.5,0,,,,,,,0`);
  });

  it("refuses viewers (403), missing tokens (401), unknown boards (404) and formats (400)", async () => {
    const board = await createBoard(server.url, "swot");
    const viewer = await get(`/api/boards/${board.id}/export?format=md`, board.tokens.viewer);
    expect(viewer.status).toBe(403);
    expect(ErrorBody.parse(await viewer.json()).error.code).toBe("forbidden");
    expect((await get(`/api/boards/${board.id}/export?format=md`)).status).toBe(401);
    expect((await get(`/api/boards/AAAAAAAAAAAAAAAAAAAAAA/export?format=md`, board.tokens.editor)).status).toBe(404);
    expect((await get(`/api/boards/${board.id}/export?format=pdf`, board.tokens.editor)).status).toBe(400);
  });
});

describe("POST /api/boards/import", () => {
  it("creates a new board identical to the original from its JSON backup", async () => {
    const { board, noteId } = await boardWithMatrix();
    const backup = await until(async () => {
      const r = await get(`/api/boards/${board.id}/export?format=json`, board.tokens.editor);
      const json = (await r.json()) as { elements: Record<string, unknown> };
      return json.elements[noteId] ? json : null;
    });
    const created = await fetch(`${server.url}/api/boards/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(backup),
    });
    expect(created.status).toBe(201);
    const copy = BoardCreated.parse(await created.json());
    expect(copy.id).not.toBe(board.id);
    expect(copy).toMatchObject({ title: "Prioritisation | Q1", template: "impact-effort" });
    const again = (await (await get(`/api/boards/${copy.id}/export?format=json`, copy.tokens.editor)).json()) as Record<string, unknown>;
    const strip = (b: Record<string, unknown>) => ({ ...b, exportedAt: null });
    expect(strip(again)).toEqual(strip(backup));
    // and a socket client of the new board receives the contents
    const reader = stockClient(server.wsUrl, copy.id, copy.tokens.viewer);
    clients.push(reader);
    await reader.synced();
    expect(notesMap(reader.doc).get(noteId)).toEqual({ urgency: 8, risk: 6 });
  });

  it("rejects a backup with an unknown field, naming it", async () => {
    const { board, noteId } = await boardWithMatrix();
    const backup = await until(async () => {
      const json = (await (await get(`/api/boards/${board.id}/export?format=json`, board.tokens.editor)).json()) as {
        elements: Record<string, Record<string, unknown>>;
      };
      return json.elements[noteId] ? json : null;
    });
    const note = backup.elements[noteId];
    if (note) note["onload"] = "x";
    const r = await fetch(`${server.url}/api/boards/import`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(backup),
    });
    expect(r.status).toBe(400);
    const body = ErrorBody.parse(await r.json());
    expect(body.error.code).toBe("invalid_backup");
    expect(body.error.message).toContain(`elements.${noteId}`);
    expect(body.error.message).toContain("onload");
  });
});

describe("export and facilitation", () => {
  it("carries the revealed dot-vote totals into the brief", async () => {
    const { board, noteId } = await boardWithMatrix();
    const command = async (token: string, participant: string, body: unknown) => {
      const r = await fetch(`${server.url}/api/boards/${board.id}/facilitation/commands?participant=${participant}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ command: body }),
      });
      expect(r.status, await r.clone().text()).toBe(200);
    };
    await waitFor(async () => (await (await get(`/api/boards/${board.id}/export?format=csv`, board.tokens.editor)).text()).includes(noteId));
    const fac = "facilitator-participant-1";
    await command(board.tokens.facilitator, fac, { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true });
    await command(board.tokens.editor, "editor-participant-0001", { type: "vote.cast", noteId });
    await command(board.tokens.editor, "editor-participant-0002", { type: "vote.cast", noteId });
    await command(board.tokens.facilitator, fac, { type: "vote.close" });
    await command(board.tokens.facilitator, fac, { type: "vote.reveal" });
    const md = await (await get(`/api/boards/${board.id}/export?format=md`, board.tokens.editor)).text();
    expect(md).toMatch(/\| 1 \| SSO for enterprise \| Quick Wins \| 9\.0 \| 5\.0 \| 8\.0 \| 6\.0 \| 17\.5 \| 2 \|/);
  });
});

function decision(number: number, title: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    kind: "decision",
    id: `dec-${number}`,
    number,
    title,
    status: "accepted",
    date: "2026-12-01",
    deciders: "Fran",
    context: "Enterprise deals stall",
    decision: `Decision ${number}`,
    consequences: { positive: "", negative: "", neutral: "" },
    alternatives: [],
    implementation: "",
    reviewDate: "",
    noteIds: [],
    history: [],
    createdAt: number,
    ...extra,
  };
}

/** A board with two ADRs, written by an editor through a real socket. */
async function boardWithDecisions(): Promise<BoardCreated> {
  const board = await createBoard(server.url, "blank", "Offsite | 2027");
  const editor = stockClient(server.wsUrl, board.id, board.tokens.editor);
  clients.push(editor);
  await editor.synced();
  editor.doc.transact(() => {
    recordsMap(editor.doc).set("dec-2", { ...decision(2, "Adopt trunk-based development", { status: "proposed" }) });
    recordsMap(editor.doc).set("dec-1", {
      ...decision(1, "Build SSO before RBAC", { dissent: { kind: "named", entries: [{ who: "Cy", why: "CI first" }] } }),
    });
  });
  await until(async () => {
    const r = await get(`/api/boards/${board.id}/export?format=adr&number=2`, board.tokens.editor);
    return r.status === 200 ? true : null;
  });
  return board;
}

describe("GET /api/boards/:id/export?format=adr (RULE 31)", () => {
  it("answers every ADR as a zip of Markdown files that unzip reads back", async () => {
    const board = await boardWithDecisions();
    const r = await get(`/api/boards/${board.id}/export?format=adr`, board.tokens.facilitator);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/zip");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="Offsite-2027-ADRs.zip"');
    const dir = mkdtempSync(join(tmpdir(), "quadrant-adr-"));
    try {
      const zip = join(dir, "adrs.zip");
      writeFileSync(zip, new Uint8Array(await r.arrayBuffer()));
      const listing = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n");
      expect(listing).toEqual(["ADR-001-build-sso-before-rbac.md", "ADR-002-adopt-trunk-based-development.md"]);
      const first = execFileSync("unzip", ["-p", zip, "ADR-001-build-sso-before-rbac.md"], { encoding: "utf8" });
      expect(first.split("\n")[0]).toBe("# ADR-001: Build SSO before RBAC");
      expect(first).toContain("  - Cy: CI first");
      expect(execFileSync("unzip", ["-tq", zip], { encoding: "utf8" })).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers one ADR as Markdown with number=N, and 404 with a clear message when there is no such ADR", async () => {
    const board = await boardWithDecisions();
    const r = await get(`/api/boards/${board.id}/export?format=adr&number=2`, board.tokens.editor);
    expect(r.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="ADR-002-adopt-trunk-based-development.md"');
    const md = await r.text();
    expect(md.split("\n")[0]).toBe("# ADR-002: Adopt trunk-based development");
    expect(md).toContain("- **Status:** Proposed");
    const missing = await get(`/api/boards/${board.id}/export?format=adr&number=7`, board.tokens.editor);
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.message).toBe("ADR 7 on this board not found");
  });

  it("refuses viewers (403, as every export); a bad number or a number without format=adr is a 400 naming it", async () => {
    const board = await boardWithDecisions();
    const viewer = await get(`/api/boards/${board.id}/export?format=adr`, board.tokens.viewer);
    expect(viewer.status).toBe(403);
    expect(ErrorBody.parse(await viewer.json()).error.code).toBe("forbidden");
    expect((await get(`/api/boards/${board.id}/export?format=adr&number=1`, board.tokens.viewer)).status).toBe(403);
    for (const query of ["format=adr&number=0", "format=adr&number=abc", "format=adr&number=1.5", "format=md&number=1"]) {
      const r = await get(`/api/boards/${board.id}/export?${query}`, board.tokens.editor);
      expect(r.status, query).toBe(400);
      expect(ErrorBody.parse(await r.json()).error.message, query).toMatch(/number/);
    }
  });

  it("an empty board's archive is a valid, empty zip", async () => {
    const board = await createBoard(server.url, "blank");
    const r = await get(`/api/boards/${board.id}/export?format=adr`, board.tokens.editor);
    const bytes = new Uint8Array(await r.arrayBuffer());
    // only the end-of-central-directory record: signature PK\x05\x06, no entries
    expect(bytes.length).toBe(22);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x05, 0x06]);
  });

  it("is in the OpenAPI document: the adr format and the number parameter", async () => {
    const openapi = (await (await get("/api/openapi.json")).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    };
    const params = openapi.paths["/api/boards/{id}/export"]?.get?.parameters ?? [];
    expect(params.find((p) => p.name === "format")?.schema?.enum).toEqual(["md", "csv", "json", "adr"]);
    expect(params.map((p) => p.name)).toContain("number");
  });
});
