import * as encoding from "lib0/encoding";
import { MessageType } from "@quadrant/protocol";

/**
 * A big room's tick sends each neighbourhood its own awareness frame (SS16), and the latest
 * editors' states are in every one of them: y-protocols' `encodeAwarenessUpdate` would
 * JSON-stringify such a state once per frame (about 40 times a tick at N = 2,000). Here each
 * changed state is encoded once per tick (`AwarenessEntries`) and a frame is a concatenation
 * of those bytes, identical to `encodeAwareness(encodeAwarenessUpdate(awareness, ids))`.
 */
export class AwarenessEntries {
  private readonly encoded = new Map<number, Uint8Array>();

  constructor(
    private readonly states: ReadonlyMap<number, unknown>,
    private readonly meta: ReadonlyMap<number, { clock: number }>,
  ) {}

  /** One entry of y-protocols' awareness update: client id, clock, JSON state (null once gone). */
  private entryOf(clientId: number): Uint8Array {
    let entry = this.encoded.get(clientId);
    if (entry === undefined) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, this.meta.get(clientId)?.clock ?? 0);
      encoding.writeVarString(e, JSON.stringify(this.states.get(clientId) ?? null));
      entry = encoding.toUint8Array(e);
      this.encoded.set(clientId, entry);
    }
    return entry;
  }

  /** The awareness update of these clients (what the fan-out carries). */
  update(clientIds: readonly number[]): Uint8Array {
    const e = encoding.createEncoder();
    this.writeUpdate(e, clientIds, this.entries(clientIds));
    return encoding.toUint8Array(e);
  }

  /** The awareness message (one websocket frame) carrying these clients' states. */
  frame(clientIds: readonly number[]): Uint8Array {
    const entries = this.entries(clientIds);
    let length = varUintLength(clientIds.length);
    for (const entry of entries) length += entry.byteLength;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint(e, length);
    this.writeUpdate(e, clientIds, entries);
    return encoding.toUint8Array(e);
  }

  private entries(clientIds: readonly number[]): Uint8Array[] {
    return clientIds.map((id) => this.entryOf(id));
  }

  private writeUpdate(e: encoding.Encoder, clientIds: readonly number[], entries: readonly Uint8Array[]): void {
    encoding.writeVarUint(e, clientIds.length);
    for (const entry of entries) encoding.writeUint8Array(e, entry);
  }
}

/** Bytes of lib0's variable-length unsigned integer. */
function varUintLength(n: number): number {
  let bytes = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    bytes++;
  }
  return bytes;
}
