import WebSocket from "ws";
import {
  type Command,
  type FacilitationView,
  ServerControlMessage,
} from "@quadrant/facilitation";
import { SaveStatus, decodeControlFrame, encodeControlFrame } from "@quadrant/protocol";
import { waitFor } from "./wait-for";

/**
 * A raw websocket client of the control channel (what a modified client could
 * send), recording every byte the server sends it.
 */
export interface ControlClient {
  /** Every frame received, raw. */
  frames: Buffer[];
  messages: ServerControlMessage[];
  /** Sends a command; resolves with the server's answer: the refusal or the next view. */
  send(command: Command): Promise<ServerControlMessage>;
  sendRaw(payload: unknown): void;
  latestView(): FacilitationView | null;
  waitForView(check: (view: FacilitationView) => boolean): Promise<FacilitationView>;
  /** All received bytes as latin1 text, for "does this secret appear anywhere" checks. */
  traffic(): string;
  close(): void;
}

export async function controlClient(
  wsUrl: string,
  boardId: string,
  token: string,
  participant: string,
): Promise<ControlClient> {
  const socket = new WebSocket(`${wsUrl}/${boardId}?token=${token}&control=1&participant=${participant}`);
  const frames: Buffer[] = [];
  const messages: ServerControlMessage[] = [];
  socket.on("message", (data: Buffer) => {
    frames.push(Buffer.from(data));
    const json = decodeControlFrame(new Uint8Array(data));
    // The control channel also carries the server's save status (issue 8): not a facilitation message.
    if (json !== null && !SaveStatus.safeParse(json).success) messages.push(ServerControlMessage.parse(json));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let nextId = 1;
  const latestView = () => {
    for (let i = messages.length - 1; i >= 0; i--) {
      const message = messages[i]!;
      if (message.type === "view") return message.view;
    }
    return null;
  };
  await waitFor(() => latestView(), { message: "first view" });
  return {
    frames,
    messages,
    async send(command) {
      const id = nextId++;
      const before = messages.length;
      socket.send(encodeControlFrame(JSON.stringify({ id, command })));
      const answer = await waitFor(
        () =>
          messages
            .slice(before)
            .find((m) => (m.type === "refused" && m.id === id) || m.type === "view"),
        { message: `answer to ${command.type}` },
      );
      if (!answer) throw new Error("no answer");
      return answer;
    },
    sendRaw(payload) {
      socket.send(encodeControlFrame(JSON.stringify(payload)));
    },
    latestView,
    async waitForView(check) {
      const found = await waitFor(() => {
        const view = latestView();
        return view && check(view) ? view : null;
      }, { message: "view" });
      if (!found) throw new Error("no view");
      return found;
    },
    traffic: () => Buffer.concat(frames).toString("latin1"),
    close: () => socket.close(),
  };
}
