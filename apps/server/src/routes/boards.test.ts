import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { BoardCreated, BoardInfo, CloseCode, ErrorBody, TOKEN_PATTERN } from "@quadrant/protocol";
import { hashToken } from "../auth/tokens";
import { createBoard } from "../../test-support/create-board";
import { startTestServer, type TestServer } from "../../test-support/test-server";
import { waitFor } from "../../test-support/wait-for";

describe("REST /api/boards", () => {
  let server: TestServer;
  const api = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (init.json !== undefined) headers["content-type"] = "application/json";
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    return fetch(`${server.url}${path}`, {
      ...init,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  };
  const expectError = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.message.length).toBeGreaterThan(0);
    return body.error;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("POST creates a board with three unguessable tokens and stores only their hashes", async () => {
    const response = await api("/api/boards", { method: "POST", json: { title: "  Offsite  ", template: "impact-effort" } });
    expect(response.status).toBe(201);
    const body: unknown = await response.json();
    const created = BoardCreated.parse(body);
    expect(Object.keys(body as object).sort()).toEqual(["createdAt", "id", "template", "title", "tokens"]);
    expect(created.title).toBe("Offsite");
    expect(created.template).toBe("impact-effort");
    for (const token of Object.values(created.tokens)) expect(token).toMatch(TOKEN_PATTERN);
    expect(new Set(Object.values(created.tokens)).size).toBe(3);
    const record = await server.storage.getBoard(created.id);
    expect(record?.tokenHashes.editor).toBe(hashToken(created.tokens.editor));
    expect(JSON.stringify(record)).not.toContain(created.tokens.editor);
  });

  it("POST rejects invalid bodies with 400 naming the field", async () => {
    const missing = await expectError(await api("/api/boards", { method: "POST", json: { template: "swot" } }), 400);
    expect(missing.message).toContain("title");
    const template = await expectError(await api("/api/boards", { method: "POST", json: { title: "x", template: "kanban" } }), 400);
    expect(template.message).toContain("template");
    await expectError(await api("/api/boards", { method: "POST", json: { title: "x", template: "swot", extra: 1 } }), 400);
    const notJson = await fetch(`${server.url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    await expectError(notJson, 400);
  });

  it("GET returns the metadata and the caller's role for any role's token, by header or query", async () => {
    const board = await createBoard(server.url, "swot", "SWOT");
    for (const role of ["facilitator", "editor", "viewer"] as const) {
      const byHeader = await api(`/api/boards/${board.id}`, { token: board.tokens[role] });
      expect(byHeader.status).toBe(200);
      expect(BoardInfo.parse(await byHeader.json())).toEqual({
        id: board.id, title: "SWOT", template: "swot", createdAt: board.createdAt, role,
      });
    }
    const byQuery = await api(`/api/boards/${board.id}?token=${board.tokens.viewer}`);
    expect(BoardInfo.parse(await byQuery.json()).role).toBe("viewer");

    await expectError(await api(`/api/boards/${board.id}`), 401);
    await expectError(await api(`/api/boards/${board.id}`, { token: "A".repeat(43) }), 401);
    const other = await createBoard(server.url);
    await expectError(await api(`/api/boards/${board.id}`, { token: other.tokens.facilitator }), 401);
    await expectError(await api(`/api/boards/${"z".repeat(22)}`, { token: board.tokens.editor }), 404);
    await expectError(await api(`/api/boards/short`, { token: board.tokens.editor }), 400);
  });

  it("PATCH renames for the facilitator only", async () => {
    const board = await createBoard(server.url);
    const ok = await api(`/api/boards/${board.id}`, { method: "PATCH", token: board.tokens.facilitator, json: { title: "Renamed" } });
    expect(ok.status).toBe(200);
    expect(BoardInfo.parse(await ok.json()).title).toBe("Renamed");
    expect((await server.storage.getBoard(board.id))?.title).toBe("Renamed");

    await expectError(await api(`/api/boards/${board.id}`, { method: "PATCH", token: board.tokens.editor, json: { title: "No" } }), 403);
    await expectError(await api(`/api/boards/${board.id}`, { method: "PATCH", token: board.tokens.viewer, json: { title: "No" } }), 403);
    await expectError(await api(`/api/boards/${board.id}`, { method: "PATCH", json: { title: "No" } }), 401);
    const empty = await expectError(await api(`/api/boards/${board.id}`, { method: "PATCH", token: board.tokens.facilitator, json: { title: "   " } }), 400);
    expect(empty.message).toContain("title");
    await expectError(await api(`/api/boards/${"q".repeat(22)}`, { method: "PATCH", token: board.tokens.facilitator, json: { title: "x" } }), 404);
  });

  it("DELETE is for the facilitator, closes open sockets with BoardDeleted and removes the board", async () => {
    const board = await createBoard(server.url);
    await expectError(await api(`/api/boards/${board.id}`, { method: "DELETE", token: board.tokens.editor }), 403);
    await expectError(await api(`/api/boards/${board.id}`, { method: "DELETE" }), 401);

    const socket = new WebSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.editor}`);
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.on("open", resolve));
    await waitFor(() => server.app.rooms.get(board.id)?.connections.size === 1, { message: "socket joined" });

    const response = await api(`/api/boards/${board.id}`, { method: "DELETE", token: board.tokens.facilitator });
    expect(response.status).toBe(204);
    expect(await closed).toBe(CloseCode.BoardDeleted);
    expect(await server.storage.getBoard(board.id)).toBeNull();
    await expectError(await api(`/api/boards/${board.id}`, { token: board.tokens.facilitator }), 404);
    await expectError(await api(`/api/boards/${board.id}`, { method: "DELETE", token: board.tokens.facilitator }), 404);
  });

  it("describes itself: OpenAPI document and docs UI; health endpoints; unknown routes as JSON errors", async () => {
    const openapi = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/boards", "/api/boards/{id}"]));
    expect((await api("/api/docs/")).status).toBe(200);
    expect(await (await api("/healthz")).json()).toEqual({ status: "ok" });
    expect((await api("/readyz")).status).toBe(200);
    await expectError(await api("/api/nothing-here"), 404);
  });
});
