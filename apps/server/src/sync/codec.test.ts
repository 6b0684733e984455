import { describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { MessageType } from "@quadrant/protocol";
import {
  decodeClientMessage,
  encodeAwareness,
  encodeControl,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  MAX_AWARENESS_DEPTH,
} from "./codec";

function stockFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe("wire codec", () => {
  const doc = new Y.Doc();
  doc.getMap("elements").set("a", { x: 1 });
  const update = Y.encodeStateAsUpdate(doc);

  it("decodes what the stock y-protocols encoders produce", () => {
    const step1 = stockFrame((e) => { encoding.writeVarUint(e, MessageType.Sync); syncProtocol.writeSyncStep1(e, doc); });
    expect(decodeClientMessage(step1)).toEqual({ ok: true, message: { type: "sync-step1", stateVector: Y.encodeStateVector(doc) } });
    const step2 = stockFrame((e) => { encoding.writeVarUint(e, MessageType.Sync); syncProtocol.writeSyncStep2(e, doc); });
    const decoded2 = decodeClientMessage(step2);
    expect(decoded2.ok && decoded2.message.type).toBe("sync-step2");
    const upd = stockFrame((e) => { encoding.writeVarUint(e, MessageType.Sync); syncProtocol.writeUpdate(e, update); });
    expect(decodeClientMessage(upd)).toMatchObject({ ok: true, message: { type: "sync-update", update } });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: "Ada" } });
    const aw = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const decodedAw = decodeClientMessage(stockFrame((e) => { encoding.writeVarUint(e, MessageType.Awareness); encoding.writeVarUint8Array(e, aw); }));
    expect(decodedAw).toEqual({
      ok: true,
      message: { type: "awareness", update: aw, entries: [{ clientId: doc.clientID, clock: 1, state: { user: { name: "Ada" } } }] },
    });
    awareness.destroy();
    expect(decodeClientMessage(Uint8Array.of(MessageType.QueryAwareness))).toEqual({ ok: true, message: { type: "query-awareness" } });
  });

  it("round-trips its own encoders, one message per frame", () => {
    expect(decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(doc)))).toMatchObject({ ok: true, message: { type: "sync-step1" } });
    expect(decodeClientMessage(encodeSyncStep2(update))).toMatchObject({ ok: true, message: { type: "sync-step2", update } });
    expect(decodeClientMessage(encodeSyncUpdate(update))).toMatchObject({ ok: true, message: { type: "sync-update", update } });
    expect(decodeClientMessage(encodeControl('{"kind":"ping"}'))).toEqual({ ok: true, message: { type: "control", payload: '{"kind":"ping"}' } });
    const aw = encodeAwareness(Uint8Array.of(0));
    expect(decodeClientMessage(aw)).toEqual({ ok: true, message: { type: "awareness", update: Uint8Array.of(0), entries: [] } });
    // A stock client reads exactly one message and nothing is left over.
    const decoder = decoding.createDecoder(encodeSyncUpdate(update));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync);
    expect(decoding.readVarUint(decoder)).toBe(2);
    expect(decoding.readVarUint8Array(decoder)).toEqual(update);
    expect(decoding.hasContent(decoder)).toBe(false);
  });

  it("returns malformed, never throws, for bad frames", () => {
    const bad: Uint8Array[] = [
      new Uint8Array(),
      Uint8Array.of(0x80),
      Uint8Array.of(7, 1, 2),
      Uint8Array.of(0, 9, 0),
      Uint8Array.of(0, 2, 100, 1),
      encodeSyncUpdate(update.slice(0, update.byteLength - 2)),
      Uint8Array.of(...encodeSyncUpdate(update), 0),
      encodeSyncStep1(Uint8Array.of(3, 1)),
      encodeAwareness(Uint8Array.of(1, 5, 1, 1, 0x7b)),
    ];
    for (const frame of bad) {
      const result = decodeClientMessage(frame);
      expect(result.ok, `frame [${frame.join(",")}]`).toBe(false);
    }
  });

  it("refuses awareness states nested deeper than it can re-encode (a 20 kB state once crashed the server)", () => {
    const nested = (depth: number) => stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.Awareness);
      encoding.writeVarUint8Array(e, stockFrame((u) => {
        encoding.writeVarUint(u, 1);
        encoding.writeVarUint(u, 42);
        encoding.writeVarUint(u, 1);
        encoding.writeVarString(u, `{"user":${"[".repeat(depth)}${"]".repeat(depth)}}`);
      }));
    });
    expect(decodeClientMessage(nested(MAX_AWARENESS_DEPTH - 1)).ok).toBe(true);
    const deep = decodeClientMessage(nested(10_000));
    expect(deep.ok).toBe(false);
    expect(!deep.ok && deep.reason).toMatch(/nested deeper/);
  });

  it("carries what an update needs from the document (update-dependencies.ts)", () => {
    const decoded = decodeClientMessage(encodeSyncUpdate(update));
    if (!decoded.ok || decoded.message.type !== "sync-update") throw new Error("expected a sync update");
    expect([...decoded.message.dependencies.keys()]).toEqual([doc.clientID]);
  });
});
