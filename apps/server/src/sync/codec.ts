import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType, SyncStep, encodeControlFrame, readControlText } from "@quadrant/protocol";
import type { UpdateDependencies } from "./update-dependencies";
import { scanUpdateDependencies } from "./update-scan";

/**
 * The wire codec: exactly one y-protocol message per websocket frame (stock
 * y-websocket clients up to 3.x decode only the first message of a frame).
 * Decoding is total: every input yields either a checked message or a
 * `malformed` result, never an exception, so a bad frame can only ever close
 * the connection that sent it.
 */

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null means "this client left". */
  state: unknown;
}

export type ClientMessage =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-step2"; update: Uint8Array; dependencies: UpdateDependencies }
  | { type: "sync-update"; update: Uint8Array; dependencies: UpdateDependencies }
  | { type: "awareness"; update: Uint8Array; entries: AwarenessEntry[] }
  | { type: "query-awareness" }
  | { type: "auth" }
  | { type: "control"; payload: string };

export type DecodeResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; reason: string };

function fail(reason: string): DecodeResult {
  return { ok: false, reason };
}

export function decodeClientMessage(frame: Uint8Array): DecodeResult {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (messageType) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SyncStep.Step1) {
          validateStateVector(payload);
          message = { type: "sync-step1", stateVector: payload };
        } else if (step === SyncStep.Step2 || step === SyncStep.Update) {
          // Reads every struct and the delete set as Y.decodeUpdate would, and throws where it
          // would (truncated or inconsistent data), so nothing invalid reaches the doc.
          const dependencies = scanUpdateDependencies(payload);
          message = { type: step === SyncStep.Step2 ? "sync-step2" : "sync-update", update: payload, dependencies };
        } else {
          return fail(`unknown sync step ${step}`);
        }
        break;
      }
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder);
        message = { type: "awareness", update, entries: decodeAwarenessEntries(update) };
        break;
      }
      case MessageType.QueryAwareness:
        message = { type: "query-awareness" };
        break;
      case MessageType.Auth:
        // Stock clients never send auth messages; a permission-denied reply from a
        // client means nothing to us. Read it to check the frame, then ignore it.
        decoding.readVarUint(decoder);
        if (decoding.hasContent(decoder)) decoding.readVarString(decoder);
        message = { type: "auth" };
        break;
      case MessageType.Control:
        message = { type: "control", payload: readControlText(decoder) };
        break;
      default:
        return fail(`unknown message type ${messageType}`);
    }
    if (decoding.hasContent(decoder)) return fail("trailing bytes after the message");
    return { ok: true, message };
  } catch (error) {
    return fail(error instanceof Error ? error.message : "undecodable frame");
  }
}

function validateStateVector(payload: Uint8Array): void {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes in state vector");
}

/**
 * Deepest nesting of arrays/objects accepted in an awareness state. Real states
 * (user, cursor, selection) nest a few levels; a 20 kB "[[[[…]]]]" parses fine
 * but overflows the stack when the server re-encodes it (JSON.stringify), which
 * crashed the process from a timer (found by fuzz.test.ts).
 */
export const MAX_AWARENESS_DEPTH = 32;

/** Nesting depth of a parsed JSON value, without recursion (the input is hostile). */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_AWARENESS_DEPTH) return deepest;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth });
  }
  return deepest;
}

function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > update.byteLength) throw new Error("awareness entry count past the end");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (jsonDepth(state) > MAX_AWARENESS_DEPTH) throw new Error(`awareness state nested deeper than ${MAX_AWARENESS_DEPTH}`);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes in awareness update");
  return entries;
}

function encodeWith(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A Yjs update with no structs and no deletes: what a fresh client answers a sync step 1 with. */
export const EMPTY_UPDATE = Uint8Array.of(0, 0);

/** True for exactly the 2-byte empty update (the only form clients send). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeWith((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeWith((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return encodeWith((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncStep.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return encodeWith((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeQueryAwareness(): Uint8Array {
  return encodeWith((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));
}

/** The frame format is @quadrant/protocol's, shared with the web client; rooms send through this name. */
export const encodeControl: (payload: string) => Uint8Array = encodeControlFrame;
