import * as ws from "ws";
import type { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { encodeBinaryFrame } from "./ws-frame";

/** ws exports its frame writer and parser at runtime; @types/ws does not declare them. */
interface WsFraming {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => EventEmitter & { write(chunk: Buffer): void };
}
const { Sender, Receiver } = ws as unknown as WsFraming;

/** What a `ws` client's frame parser makes of the bytes (the same parser browsers' peers use on the server side). */
function parse(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on("message", (data: Buffer, isBinary: boolean) => (isBinary ? resolve(data) : reject(new Error("text frame"))));
    receiver.on("error", reject);
    receiver.write(frame);
  });
}

describe("encodeBinaryFrame (SS1: the frames the server writes directly to the socket)", () => {
  // Every length encoding: 7-bit, 16-bit (126) and 64-bit (127), at their edges.
  for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
    it(`frames ${length} bytes as ws itself does, and a client reads them back`, async () => {
      const payload = new Uint8Array(length);
      for (let i = 0; i < length; i++) payload[i] = (i * 31 + 7) & 0xff;
      const frame = encodeBinaryFrame(payload);
      const viaWs = Buffer.concat(Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
      expect(frame.equals(viaWs)).toBe(true);
      expect(new Uint8Array(await parse(frame))).toEqual(payload);
    });
  }
});
