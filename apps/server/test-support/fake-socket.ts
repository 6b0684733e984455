import * as decoding from "lib0/decoding";
import type { SyncSocket } from "../src/sync/connection";

/** An in-memory SyncSocket: records what the server sends and how it closed. */
export class FakeSocket implements SyncSocket {
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number; reason?: string } | null = null;
  terminated = false;
  pings = 0;
  bufferedAmount = 0;

  send(data: Uint8Array): void {
    if (this.closedWith || this.terminated) throw new Error("socket is closed");
    this.sent.push(data);
  }
  close(code: number, reason?: string): void {
    this.closedWith = reason === undefined ? { code } : { code, reason };
  }
  terminate(): void {
    this.terminated = true;
  }
  ping(): void {
    this.pings++;
  }
  /** The message types (first varint) of the frames sent so far. */
  sentTypes(): number[] {
    return this.sent.map((frame) => decoding.readVarUint(decoding.createDecoder(frame)));
  }
}
