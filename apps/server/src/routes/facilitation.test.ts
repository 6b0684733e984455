import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Command, FacilitationView } from "@quadrant/facilitation";
import { createBoard } from "../../test-support/create-board";
import { startTestServer, type TestServer } from "../../test-support/test-server";

/** A REST caller without a `participant`: its link and its address (X-Forwarded-For, the server trusts the proxy). */
async function anonymous(server: TestServer, boardId: string, token: string, address: string, command?: Command) {
  const url = `${server.url}/api/boards/${boardId}/facilitation${command ? "/commands" : ""}?token=${token}`;
  const response = await fetch(url, {
    method: command ? "POST" : "GET",
    headers: { "x-forwarded-for": address, ...(command ? { "content-type": "application/json" } : {}) },
    body: command ? JSON.stringify({ command }) : undefined,
  });
  expect(response.status).toBe(200);
  return FacilitationView.parse(await response.json());
}

describe("REST facilitation callers without a participant id", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it("are one participant per link and address, the same from request to request", async () => {
    const board = await createBoard(server.url);
    const ready: Command = { type: "ready.set", ready: true };
    expect((await anonymous(server, board.id, board.tokens.editor, "198.51.100.1", ready)).ready.count).toBe(1);
    // Another address with the same link, and the same address with another link, are other people.
    expect((await anonymous(server, board.id, board.tokens.editor, "198.51.100.2", ready)).ready.count).toBe(2);
    expect((await anonymous(server, board.id, board.tokens.viewer, "198.51.100.1", ready)).ready.count).toBe(3);
    // The first caller again: still ready, not a fourth participant.
    const again = await anonymous(server, board.id, board.tokens.editor, "198.51.100.1");
    expect(again.ready).toMatchObject({ me: true, count: 3 });
    expect((await anonymous(server, board.id, board.tokens.editor, "198.51.100.3")).ready.me).toBe(false);
  });
});
