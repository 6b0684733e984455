import { SyncStep } from "@quadrant/protocol";
import type { FrameHandler, Sender } from "./connection";
import { LIGHT_STEP2, peekSync } from "./wire";

/**
 * A client that completes the handshake and then only lets frames be counted
 * (by `connect`). It holds no document: its step 2 reply is always empty,
 * which is exactly what a fresh stock client with an empty doc sends.
 */
export class LightClient implements FrameHandler {
  onFrame(data: Uint8Array, ws: Sender): boolean {
    const step = peekSync(data);
    if (step === SyncStep.Step1) {
      ws.send(LIGHT_STEP2);
      return false;
    }
    return step === SyncStep.Step2;
  }
}
