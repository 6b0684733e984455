import WebSocket from "ws";

export type UpgradeOutcome = { opened: WebSocket } | { status: number; body: string };

/**
 * Opens a raw websocket to a board and reports how the upgrade went: the open
 * socket, or the HTTP status and body that refused it before any socket opened.
 */
export function openRaw(
  wsUrl: string,
  boardId: string,
  token: string,
  { headers = {} }: { headers?: Record<string, string> } = {},
): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${boardId}?token=${encodeURIComponent(token)}`, { headers });
    socket.binaryType = "nodebuffer";
    socket.once("open", () => resolve({ opened: socket }));
    socket.once("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once("error", (error) => reject(error));
  });
}

/** Resolves with the close code the server sent. */
export function closeCodeOf(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) resolve(-1);
    socket.once("close", (code) => resolve(code));
  });
}

export function expectOpened(outcome: UpgradeOutcome): WebSocket {
  if ("opened" in outcome) return outcome.opened;
  throw new Error(`upgrade refused with ${outcome.status}: ${outcome.body}`);
}
