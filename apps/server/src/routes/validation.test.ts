import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorBody, type BoardCreated } from "@quadrant/protocol";
import { createBoard } from "../../test-support/create-board";
import { startTestServer, type TestServer } from "../../test-support/test-server";

/**
 * Every REST route refuses an unknown field and a wrongly typed one with 400
 * and a message naming the field (docs/api.md "Errors"). The table is checked
 * against the OpenAPI document, so a new route without a row fails here.
 */

interface Request {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query; `:id` is replaced by the board's id. */
  url: string;
  body?: unknown;
  token?: "facilitator" | "editor";
}

interface Row {
  /** As in the OpenAPI document: "POST /api/boards/{id}/rotate-links". */
  route: string;
  unknownField: Request & { field: string };
  /** Undefined only for routes that take no typed input at all. */
  wrongType: (Request & { field: string }) | undefined;
}

let server: TestServer;
let board: BoardCreated;
let backup: Record<string, unknown>;

const rows = (): Row[] => [
  {
    route: "GET /api/config",
    unknownField: { method: "GET", url: "/api/config?debug=1", field: "debug" },
    wrongType: undefined,
  },
  {
    route: "POST /api/boards",
    unknownField: { method: "POST", url: "/api/boards", body: { title: "T", template: "blank", owner: "me" }, field: "owner" },
    wrongType: { method: "POST", url: "/api/boards", body: { title: 42, template: "blank" }, field: "body.title" },
  },
  {
    route: "GET /api/boards/{id}",
    unknownField: { method: "GET", url: "/api/boards/:id?expand=all", token: "editor", field: "expand" },
    // A repeated parameter arrives as an array.
    wrongType: { method: "GET", url: "/api/boards/:id?token=a&token=b", field: "querystring.token" },
  },
  {
    route: "PATCH /api/boards/{id}",
    unknownField: { method: "PATCH", url: "/api/boards/:id", body: { title: "New", template: "swot" }, token: "facilitator", field: "template" },
    wrongType: { method: "PATCH", url: "/api/boards/:id", body: { title: ["New"] }, token: "facilitator", field: "body.title" },
  },
  {
    route: "DELETE /api/boards/{id}",
    unknownField: { method: "DELETE", url: "/api/boards/:id?force=1", token: "facilitator", field: "force" },
    wrongType: { method: "DELETE", url: "/api/boards/:id?token=a&token=b", field: "querystring.token" },
  },
  {
    route: "POST /api/boards/{id}/rotate-links",
    unknownField: { method: "POST", url: "/api/boards/:id/rotate-links", body: { roles: ["editor"], notify: true }, token: "facilitator", field: "notify" },
    wrongType: { method: "POST", url: "/api/boards/:id/rotate-links", body: { roles: "editor" }, token: "facilitator", field: "body.roles" },
  },
  {
    route: "GET /api/boards/{id}/export",
    unknownField: { method: "GET", url: "/api/boards/:id/export?format=md&inline=1", token: "editor", field: "inline" },
    wrongType: { method: "GET", url: "/api/boards/:id/export?format=pdf", token: "editor", field: "querystring.format" },
  },
  {
    route: "POST /api/boards/import",
    unknownField: { method: "POST", url: "/api/boards/import", body: { ...backup, comment: "x" }, field: "comment" },
    wrongType: { method: "POST", url: "/api/boards/import", body: { ...backup, board: { title: 7, template: "blank" } }, field: "board.title" },
  },
  {
    route: "POST /api/boards/import (query)",
    unknownField: { method: "POST", url: "/api/boards/import?overwrite=1", body: backup, field: "overwrite" },
    wrongType: undefined,
  },
  {
    route: "GET /api/boards/{id}/facilitation",
    unknownField: { method: "GET", url: "/api/boards/:id/facilitation?role=facilitator", token: "editor", field: "role" },
    wrongType: { method: "GET", url: "/api/boards/:id/facilitation?participant=a&participant=b", token: "editor", field: "querystring.participant" },
  },
  {
    route: "POST /api/boards/{id}/facilitation/commands",
    unknownField: { method: "POST", url: "/api/boards/:id/facilitation/commands", body: { command: { type: "timer.start" }, as: "facilitator" }, token: "facilitator", field: "as" },
    wrongType: { method: "POST", url: "/api/boards/:id/facilitation/commands", body: { command: { type: "timer.set", minutes: "5" } }, token: "facilitator", field: "body.command.minutes" },
  },
  {
    route: "GET /api/boards/{id}/history",
    unknownField: { method: "GET", url: "/api/boards/:id/history?limit=5", token: "editor", field: "limit" },
    wrongType: { method: "GET", url: "/api/boards/:id/history?token=a&token=b", field: "querystring.token" },
  },
  {
    route: "GET /api/boards/{id}/history/{entryId}",
    unknownField: { method: "GET", url: "/api/boards/:id/history/entry-0001?expand=1", token: "editor", field: "expand" },
    wrongType: { method: "GET", url: "/api/boards/:id/history/short", token: "editor", field: "params.entryId" },
  },
  {
    route: "POST /api/boards/{id}/history/checkpoints",
    unknownField: { method: "POST", url: "/api/boards/:id/history/checkpoints", body: { label: "Before lunch", pinned: true }, token: "facilitator", field: "pinned" },
    wrongType: { method: "POST", url: "/api/boards/:id/history/checkpoints", body: { label: 5 }, token: "facilitator", field: "body.label" },
  },
  {
    route: "POST /api/boards/{id}/history/{entryId}/restore",
    unknownField: { method: "POST", url: "/api/boards/:id/history/entry-0001/restore?confirm=1", token: "facilitator", field: "confirm" },
    wrongType: { method: "POST", url: "/api/boards/:id/history/short/restore", token: "facilitator", field: "params.entryId" },
  },
  {
    route: "POST /api/boards/{id}/facilitation/commands (nested)",
    unknownField: { method: "POST", url: "/api/boards/:id/facilitation/commands", body: { command: { type: "timer.start", minutes: 5 } }, token: "facilitator", field: "minutes" },
    wrongType: undefined,
  },
];

async function send(request: Request): Promise<{ status: number; message: string; code: string }> {
  const headers: Record<string, string> = {};
  if (request.token) headers["authorization"] = `Bearer ${board.tokens[request.token]}`;
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${request.url.replace(":id", board.id)}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  });
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  return { status: response.status, message: parsed.success ? parsed.data.error.message : "", code: parsed.success ? parsed.data.error.code : "" };
}

describe("REST input validation: unknown fields and wrong types", () => {
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url, "blank", "Validation");
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export?format=json`, {
      headers: { authorization: `Bearer ${board.tokens.editor}` },
    });
    backup = (await exported.json()) as Record<string, unknown>;
  });
  afterAll(async () => {
    await server.close();
  });

  it("has a row for every route in the OpenAPI document", () => {
    const spec = server.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(rows().map((r) => r.route.replace(/ \(.*\)$/, "")));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !documented.includes(route))).toEqual([]);
  });

  it("answers 400 naming the field, for every route", async () => {
    const failures: string[] = [];
    for (const row of rows()) {
      for (const [kind, request] of [["unknown field", row.unknownField], ["wrong type", row.wrongType]] as const) {
        if (!request) continue;
        const { status, message, code } = await send(request);
        const ok = status === 400 && ["invalid_request", "invalid_backup"].includes(code) && message.includes(request.field);
        if (!ok) failures.push(`${row.route}, ${kind}: ${status} ${code} "${message}" (expected 400 naming "${request.field}")`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("still accepts the optional token in the query and a well-formed request", async () => {
    const info = await fetch(`${server.url}/api/boards/${board.id}?token=${board.tokens.viewer}`);
    expect(info.status).toBe(200);
    const view = await fetch(`${server.url}/api/boards/${board.id}/facilitation?token=${board.tokens.editor}&participant=abcdefghijklmnop`);
    expect(view.status).toBe(200);
    const md = await fetch(`${server.url}/api/boards/${board.id}/export?format=md&token=${board.tokens.editor}`);
    expect(md.status).toBe(200);
  });
});
