import * as decoding from "lib0/decoding";
import type { SyncSocket } from "../src/sync/connection";

/** An in-memory SyncSocket: records what the server sends and how it closed. */
export class FakeSocket implements SyncSocket {
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number; reason?: string } | null = null;
  terminated = false;
  pings = 0;
  bufferedAmount = 0;
  /** The frames of each write the kernel would see: several when they were sent corked. */
  readonly writes: Uint8Array[][] = [];
  private corked: Uint8Array[] | null = null;

  send(data: Uint8Array): void {
    if (this.closedWith || this.terminated) throw new Error("socket is closed");
    this.sent.push(data);
    if (this.corked) this.corked.push(data);
    else this.writes.push([data]);
  }
  cork(): void {
    this.corked ??= [];
  }
  uncork(): void {
    if (this.corked && this.corked.length > 0) this.writes.push(this.corked);
    this.corked = null;
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
