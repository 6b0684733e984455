import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType, SyncStep } from "@quadrant/protocol";

/**
 * The stock y-websocket wire format, hand-encoded so that thousands of light
 * clients cost the load process almost nothing: they never build a Y.Doc.
 * One y-protocol message per frame, as stock clients ≤ 3.x expect.
 */

/** An empty Yjs update (no structs, empty delete set): what an empty doc sends as sync step 2. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** An empty state vector: "I have nothing, send me everything". */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  encoding.writeVarUint(enc, step);
  encoding.writeVarUint8Array(enc, payload);
  return encoding.toUint8Array(enc);
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  encodeSync(SyncStep.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  encodeSync(SyncStep.Step2, update);
export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  encodeSync(SyncStep.Update, update);

/** Precomputed frames every light client sends: its own step 1 and its (empty) step 2 reply. */
export const LIGHT_STEP1 = encodeSyncStep1(EMPTY_STATE_VECTOR);
export const LIGHT_STEP2 = encodeSyncStep2(EMPTY_UPDATE);

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON state; `null` means the client left. */
  state: string;
}

/** An awareness message (type 1) carrying one or more client states, as y-protocols/awareness encodes it. */
export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, e.state);
  }
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  return encoding.toUint8Array(enc);
}

/** A decoded frame, as far as the load tool needs to look into it. */
export type Frame =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2"; update: Uint8Array }
  | { kind: "sync-update"; update: Uint8Array }
  | { kind: "awareness"; entries: AwarenessEntry[] }
  | { kind: "other"; type: number };

export function decodeFrame(data: Uint8Array): Frame {
  const dec = decoding.createDecoder(data);
  const type = decoding.readVarUint(dec);
  if (type === MessageType.Sync) {
    const step = decoding.readVarUint(dec);
    const payload = decoding.readVarUint8Array(dec);
    switch (step) {
      case SyncStep.Step1:
        return { kind: "sync-step1", stateVector: payload };
      case SyncStep.Step2:
        return { kind: "sync-step2", update: payload };
      case SyncStep.Update:
        return { kind: "sync-update", update: payload };
      default:
        return { kind: "other", type };
    }
  }
  if (type === MessageType.Awareness) {
    const inner = decoding.createDecoder(decoding.readVarUint8Array(dec));
    const count = decoding.readVarUint(inner);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(inner);
      const clock = decoding.readVarUint(inner);
      const state = decoding.readVarString(inner);
      entries.push({ clientId, clock, state });
    }
    return { kind: "awareness", entries };
  }
  return { kind: "other", type };
}

/**
 * Cheap classification for light clients, which only need to know whether a
 * frame is the server's sync step 1 (answer it) or step 2 (we are synced).
 * Both varints are < 128 in practice, so the first two bytes suffice.
 */
export function peekSync(data: Uint8Array): number {
  return data[0] === MessageType.Sync && data.length > 1 ? (data[1] ?? -1) : -1;
}

/**
 * Hocuspocus (issue 17's second baseline) speaks the same y-protocol messages, each prefixed with
 * the document name (varString), and opens a document only after an auth message
 * ([name][2 = Auth][0 = Token][token]). The orchestrator marks its URLs with HOCUSPOCUS_DOC_PARAM;
 * the load then wraps what it sends and strips the prefix of what it receives, so every client
 * type works unchanged.
 */
export const HOCUSPOCUS_DOC_PARAM = "hocuspocus-doc";

export interface HocuspocusDialect {
  socketUrl: string;
  auth: Uint8Array;
  wrap(message: Uint8Array): Uint8Array;
  unwrap(frame: Uint8Array): Uint8Array;
}

export function hocuspocusDialect(url: string): HocuspocusDialect | null {
  const parsed = new URL(url);
  const name = parsed.searchParams.get(HOCUSPOCUS_DOC_PARAM);
  if (name === null) return null;
  parsed.searchParams.delete(HOCUSPOCUS_DOC_PARAM);
  const prefixEncoder = encoding.createEncoder();
  encoding.writeVarString(prefixEncoder, name);
  const prefix = encoding.toUint8Array(prefixEncoder);
  const wrap = (message: Uint8Array): Uint8Array => {
    const out = new Uint8Array(prefix.length + message.length);
    out.set(prefix, 0);
    out.set(message, prefix.length);
    return out;
  };
  const auth = encoding.createEncoder();
  encoding.writeVarUint(auth, 2); // MessageType.Auth
  encoding.writeVarUint(auth, 0); // AuthMessageType.Token
  encoding.writeVarString(auth, "");
  return {
    socketUrl: parsed.toString(),
    auth: wrap(encoding.toUint8Array(auth)),
    wrap,
    // Every frame of one socket is for its one document: skip the name.
    unwrap: (frame) => frame.subarray(prefix.length),
  };
}
