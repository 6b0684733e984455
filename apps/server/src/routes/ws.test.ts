import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createBoard } from "../../test-support/create-board";
import { startTestServer, type TestServer } from "../../test-support/test-server";

/** Attempts an upgrade; resolves with the HTTP status of a refusal, or "open" if a socket opened. */
function tryUpgrade(url: string): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on("open", () => {
      socket.terminate();
      resolve("open");
    });
    socket.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.on("error", (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe("websocket authorization at the upgrade", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses no token, a wrong token, another board's token and an unknown board before any socket opens (SS2)", async () => {
    const board = await createBoard(server.url, "swot");
    const other = await createBoard(server.url, "blank");
    const base = `${server.wsUrl}/${board.id}`;

    expect(await tryUpgrade(base)).toBe(401);
    expect(await tryUpgrade(`${base}?token=`)).toBe(401);
    expect(await tryUpgrade(`${base}?token=${"A".repeat(43)}`)).toBe(401);
    expect(await tryUpgrade(`${base}?token=${other.tokens.facilitator}`)).toBe(401);
    expect(await tryUpgrade(`${server.wsUrl}/${"x".repeat(22)}?token=${board.tokens.editor}`)).toBe(404);
    expect(await tryUpgrade(`${server.wsUrl}/not-a-board-id?token=${board.tokens.editor}`)).toBe(404);
    expect(server.app.rooms.loadedRooms()).toHaveLength(0);

    for (const role of ["facilitator", "editor", "viewer"] as const) {
      expect(await tryUpgrade(`${base}?token=${board.tokens[role]}`)).toBe("open");
    }
  });
});
