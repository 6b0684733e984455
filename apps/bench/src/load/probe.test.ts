import { describe, expect, it } from "vitest";
import type { Sender } from "./connection";
import * as Y from "yjs";
import { Probe, SeenClocks, stampOf } from "./probe";
import { missingAtProbes } from "./room";
import { encodeAwareness, encodeUpdate } from "./wire";
import { Writer } from "./writer";

/** The probe never sends for update/awareness frames; a socket stub that fails the test if it does. */
const noSocket: Sender = {
  send: () => {
    throw new Error("unexpected send");
  },
};

function writerUpdates(w: Writer, n: number, t: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const grab = (u: Uint8Array): void => {
    out.push(u);
  };
  w.doc.on("update", grab);
  for (let i = 0; i < n; i++) w.write(t + i);
  w.doc.off("update", grab);
  return out;
}

describe("Probe attributes every update to (writer, clock)", () => {
  it("measures latency from the stamp and counts nothing missing", () => {
    const w = new Writer(2_000_000, "note");
    const p = new Probe(3_000_000, new Set([w.clientId]));
    p.recording = true;
    const updates = writerUpdates(w, 5, performance.timeOrigin + performance.now() - 10);
    for (const u of updates) p.onFrame(encodeUpdate(u), noSocket);
    expect(p.updateLatency).toHaveLength(5);
    for (const l of p.updateLatency) expect(l).toBeGreaterThanOrEqual(5);
    expect(missingAtProbes([w], [p])).toBe(0);
  });

  it("counts a dropped update as missing, and a merged batch as arrived", () => {
    const w = new Writer(2_000_001, "note");
    const p = new Probe(3_000_001, new Set([w.clientId]));
    const updates = writerUpdates(w, 6, 0);
    p.onFrame(encodeUpdate(updates[0]!), noSocket);
    p.onFrame(encodeUpdate(Y.mergeUpdates(updates.slice(2))), noSocket);
    expect(missingAtProbes([w], [p])).toBe(1);
  });

  it("counts superseded values re-encoded by a server (GC'd) as arrived", () => {
    const w = new Writer(2_000_002, "note");
    const p = new Probe(3_000_002, new Set([w.clientId]));
    writerUpdates(w, 4, 0);
    // A server that applies and re-encodes sends the overwritten values as GC structs.
    p.onFrame(encodeUpdate(Y.encodeStateAsUpdate(w.doc)), noSocket);
    expect(missingAtProbes([w], [p])).toBe(0);
  });

  it("reads cursor stamps from awareness frames only while recording", () => {
    const p = new Probe(3_000_003, new Set());
    const frame = encodeAwareness([{ clientId: 9, clock: 1, state: JSON.stringify({ t: performance.timeOrigin + performance.now() }) }]);
    p.onFrame(frame, noSocket);
    expect(p.cursorLatency).toHaveLength(0);
    p.recording = true;
    p.onFrame(frame, noSocket);
    expect(p.cursorLatency).toHaveLength(1);
  });
});

describe("SeenClocks and stampOf", () => {
  it("counts only clocks below the bound", () => {
    const s = new SeenClocks();
    s.add(1, 0, 3);
    s.add(1, 10, 1);
    expect(s.count(1, 3)).toBe(3);
    expect(s.count(1, 11)).toBe(4);
    expect(s.count(2, 5)).toBe(0);
  });
  it("extracts a numeric t and ignores states without one", () => {
    expect(stampOf('{"cursor":{"x":1},"t":12.5}')).toBe(12.5);
    expect(stampOf('{"cursor":{"x":1}}')).toBeNull();
    expect(stampOf("null")).toBeNull();
  });
});
