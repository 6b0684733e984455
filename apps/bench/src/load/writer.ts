import * as Y from "yjs";
import { SyncStep } from "@quadrant/protocol";
import type { FrameHandler, Sender } from "./connection";
import { encodeSyncStep2, encodeUpdate, decodeFrame, peekSync } from "./wire";

/** The value a writer stores: probes read `t` back out of the relayed update. */
export interface StampedValue {
  t: number;
  s: number;
  x: number;
  y: number;
}

export const BENCH_MAP = "bench";

/**
 * A client that drags one note: every write sets the same key of a Y.Map, so
 * each update is one Item whose clock is the write's sequence number. That
 * makes every update attributable (writer clientID, clock) at the probes.
 */
export class Writer implements FrameHandler {
  readonly doc = new Y.Doc();
  readonly map: Y.Map<StampedValue>;
  sent = 0;
  private ws: Sender | null = null;

  constructor(
    readonly clientId: number,
    private readonly key: string,
  ) {
    this.doc.clientID = clientId;
    this.map = this.doc.getMap<StampedValue>(BENCH_MAP);
    this.doc.on("update", (update: Uint8Array) => {
      this.ws?.send(encodeUpdate(update));
    });
  }

  onFrame(data: Uint8Array, ws: Sender): boolean {
    const step = peekSync(data);
    if (step === SyncStep.Step1) {
      const frame = decodeFrame(data);
      if (frame.kind === "sync-step1") {
        ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
      }
      return false;
    }
    if (step === SyncStep.Step2) {
      this.ws = ws;
      return true;
    }
    return false;
  }

  write(t: number): void {
    this.sent++;
    this.map.set(this.key, { t, s: this.sent, x: this.sent % 997, y: this.sent % 991 });
  }
}
