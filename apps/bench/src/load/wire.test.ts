import { describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import { decodeFrame, encodeAwareness, encodeUpdate, LIGHT_STEP1, LIGHT_STEP2, peekSync } from "./wire";

describe("hand-encoded frames match y-protocols", () => {
  it("light step 1 is what an empty doc's writeSyncStep1 produces", () => {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeSyncStep1(enc, new Y.Doc());
    expect(LIGHT_STEP1).toEqual(encoding.toUint8Array(enc));
  });

  it("light step 2 is what an empty doc answers to any state vector", () => {
    const server = new Y.Doc();
    server.getMap("m").set("k", 1);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeSyncStep2(enc, new Y.Doc(), Y.encodeStateVector(server));
    expect(LIGHT_STEP2).toEqual(encoding.toUint8Array(enc));
  });

  it("an update frame applies through readSyncMessage", () => {
    const a = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    a.on("update", (u: Uint8Array) => {
      update = u;
    });
    a.getMap("bench").set("w", { t: 1 });
    const b = new Y.Doc();
    const dec = decoding.createDecoder(encodeUpdate(update));
    expect(decoding.readVarUint(dec)).toBe(0);
    syncProtocol.readSyncMessage(dec, encoding.createEncoder(), b, null);
    expect(b.getMap("bench").get("w")).toEqual({ t: 1 });
  });

  it("an awareness frame applies to a y-protocols Awareness", () => {
    const frame = encodeAwareness([{ clientId: 42, clock: 3, state: JSON.stringify({ cursor: { x: 1, y: 2 }, t: 5 }) }]);
    const dec = decoding.createDecoder(frame);
    expect(decoding.readVarUint(dec)).toBe(1);
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(dec), null);
    expect(awareness.getStates().get(42)).toEqual({ cursor: { x: 1, y: 2 }, t: 5 });
    awareness.destroy();
  });
});

describe("decodeFrame", () => {
  it("reads back what y-protocols encodes", () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ t: 12.5 });
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, [7]));
    const frame = decodeFrame(encoding.toUint8Array(enc));
    expect(frame).toEqual({ kind: "awareness", entries: [{ clientId: 7, clock: 1, state: '{"t":12.5}' }] });
    awareness.destroy();
  });

  it("classifies sync sub-types and unknown types", () => {
    expect(decodeFrame(LIGHT_STEP1).kind).toBe("sync-step1");
    expect(decodeFrame(LIGHT_STEP2).kind).toBe("sync-step2");
    expect(decodeFrame(encodeUpdate(new Uint8Array([0, 0]))).kind).toBe("sync-update");
    expect(decodeFrame(new Uint8Array([100, 0]))).toEqual({ kind: "other", type: 100 });
    expect(peekSync(LIGHT_STEP1)).toBe(0);
    expect(peekSync(LIGHT_STEP2)).toBe(1);
    expect(peekSync(new Uint8Array([1, 0]))).toBe(-1);
  });
});
