import { afterEach, describe, expect, it } from "vitest";
import { BoardCreated, CloseCode } from "@quadrant/protocol";
import type { Limits } from "../config";
import { testConfig } from "../../test-support/test-config";
import { createBoard } from "../../test-support/create-board";
import { closeCodeOf, expectOpened, openRaw } from "../../test-support/raw-socket";
import { startTestServer, type TestServer } from "../../test-support/test-server";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const json = { "content-type": "application/json" };
const newBoard = JSON.stringify({ title: "Offsite", template: "swot" });

describe("BOARD_CREATE_KEY", () => {
  it("tells clients a key is needed, refuses creation and import without it or with a wrong one, accepts the right one", async () => {
    server = await startTestServer({ boardCreateKey: "s3cret-workshop-key" });
    const config = await (await fetch(`${server.url}/api/config`)).json();
    expect(config).toEqual({ createKeyRequired: true });

    const missing = await fetch(`${server.url}/api/boards`, { method: "POST", headers: json, body: newBoard });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "create_key_required", message: expect.stringContaining("X-Create-Key") } });
    const wrong = await fetch(`${server.url}/api/boards`, { method: "POST", headers: { ...json, "x-create-key": "guess-guess" }, body: newBoard });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "create_key_invalid" } });
    const importWithout = await fetch(`${server.url}/api/boards/import`, { method: "POST", headers: json, body: "{}" });
    expect(importWithout.status).toBe(401);

    const created = await fetch(`${server.url}/api/boards`, { method: "POST", headers: { ...json, "x-create-key": "s3cret-workshop-key" }, body: newBoard });
    expect(created.status).toBe(201);
    BoardCreated.parse(await created.json());
  });

  it("is not needed when the operator sets none", async () => {
    server = await startTestServer();
    expect(await (await fetch(`${server.url}/api/config`)).json()).toEqual({ createKeyRequired: false });
    await createBoard(server.url);
  });
});

describe("rotating links", () => {
  it("gives the facilitator new editor/viewer links, closes sockets of the old ones with 4401 and refuses the old tokens", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    const editor = expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.editor));
    const viewer = expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.viewer));
    const facilitator = expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.facilitator));
    const editorClosed = closeCodeOf(editor);

    const byEditor = await fetch(`${server.url}/api/boards/${board.id}/rotate-links`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${board.tokens.editor}` },
      body: JSON.stringify({ roles: ["editor"] }),
    });
    expect(byEditor.status).toBe(403);

    const response = await fetch(`${server.url}/api/boards/${board.id}/rotate-links`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify({ roles: ["editor"] }),
    });
    expect(response.status).toBe(200);
    const { tokens } = (await response.json()) as { tokens: { editor: string; viewer?: string } };
    expect(tokens.viewer).toBeUndefined();
    expect(tokens.editor).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await editorClosed).toBe(CloseCode.Unauthorized);
    expect(viewer.readyState).toBe(viewer.OPEN);
    expect(facilitator.readyState).toBe(facilitator.OPEN);

    expect(await openRaw(server.wsUrl, board.id, board.tokens.editor)).toMatchObject({ status: 401 });
    expect((await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.editor}` } })).status).toBe(401);
    const info = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${tokens.editor}` } });
    expect(await info.json()).toMatchObject({ role: "editor" });
    expectOpened(await openRaw(server.wsUrl, board.id, tokens.editor)).terminate();
    viewer.terminate();
    facilitator.terminate();
  });

  it("rejects rotating the facilitator link or nothing, naming the field", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    for (const body of [{ roles: ["facilitator"] }, { roles: [] }, { roles: ["editor"], extra: 1 }]) {
      const response = await fetch(`${server.url}/api/boards/${board.id}/rotate-links`, {
        method: "POST",
        headers: { ...json, authorization: `Bearer ${board.tokens.facilitator}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^body/);
    }
  });
});

describe("websocket origins", () => {
  it("allows the same origin and non-browser clients, refuses other origins with 403 before the socket opens", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    const host = new URL(server.url).host;
    expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: `http://${host}` } })).terminate();
    // Behind a TLS proxy the page says https while the server sees http: still the same site.
    expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: `https://${host}` } })).terminate();
    expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.editor)).terminate();
    expect(await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: `http://${host}.evil.example` } })).toMatchObject({ status: 403 });
    const hostile = await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: "https://evil.example" } });
    expect(hostile).toMatchObject({ status: 403 });
    expect("body" in hostile && hostile.body).toContain("ALLOWED_ORIGINS");
  });

  it("follows ALLOWED_ORIGINS when the operator sets it", async () => {
    server = await startTestServer({ allowedOrigins: ["https://board.example.com"] });
    const board = await createBoard(server.url);
    expectOpened(await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: "https://board.example.com" } })).terminate();
    const host = new URL(server.url).host;
    expect(await openRaw(server.wsUrl, board.id, board.tokens.editor, { headers: { origin: `http://${host}` } })).toMatchObject({ status: 403 });
  });
});

describe("REST limits and headers", () => {
  async function startWith(limits: Partial<Limits>): Promise<TestServer> {
    server = await startTestServer({ limits: { ...testConfig().limits, ...limits } });
    return server;
  }

  it("rate-limits the REST API per address with a JSON 429 and Retry-After; health, metrics and the app are not counted", async () => {
    const s = await startWith({ restRequestsPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await fetch(`${s.url}/api/config`)).status).toBe(200);
    const limited = await fetch(`${s.url}/api/config`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited", message: expect.stringContaining("at most 5 a minute") } });
    for (const path of ["/healthz", "/readyz", "/metrics", "/"]) {
      expect((await fetch(`${s.url}${path}`)).status, path).not.toBe(429);
    }
  });

  it("answers 413 with a clear error past the body limit", async () => {
    const s = await startWith({ bodyLimitBytes: 2048 });
    const response = await fetch(`${s.url}/api/boards`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "x".repeat(4096), template: "blank" }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "body_too_large", message: expect.stringContaining("BODY_LIMIT_BYTES") } });
  });

  it("sends security headers with a content security policy on pages and API responses", async () => {
    server = await startTestServer();
    for (const path of ["/", "/api/config", "/b/some-board"]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=15552000");
    }
  });

  it("never echoes a token in an error message", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    const token = "A".repeat(43);
    for (const url of [
      `/api/boards/${board.id}?token=${token}`,
      `/api/nope?token=${token}`,
      `/api/boards/${board.id}/export?format=pdf&token=${board.tokens.editor}`,
    ]) {
      const body = await (await fetch(`${server.url}${url}`)).text();
      expect(body, url).not.toContain(token);
      expect(body, url).not.toContain(board.tokens.editor);
    }
  });
});
