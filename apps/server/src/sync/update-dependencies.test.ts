import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildUpdate, cyclicStructs, futureStructs, unknownDeletes } from "../../test-support/hostile-updates";
import { dependenciesMet, dependenciesOf, dropPendingState, hasPendingState } from "./update-dependencies";

const met = (update: Uint8Array, doc: Y.Doc) => dependenciesMet(dependenciesOf(Y.decodeUpdate(update)), doc);

describe("update dependencies (SS7: the server holds no pending state from clients)", () => {
  it("accepts every update a real client produces, in order, however they interleave", () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on("update", (u: Uint8Array) => updates.push(u));
    b.on("update", (u: Uint8Array) => updates.push(u));
    a.on("update", (u: Uint8Array) => Y.applyUpdate(b, u));
    a.getText("t").insert(0, "hello");
    b.getText("t").insert(2, "XY");
    a.getMap("m").set("k", new Y.Map());
    b.getText("t").delete(0, 3);
    (a.getMap("m").get("k") as Y.Map<number>).set("deep", 1);
    for (const update of updates) {
      expect(met(update, server)).toBe(true);
      Y.applyUpdate(server, update);
    }
    // A joiner's full state (sync step 2 of an old doc) is self-contained.
    expect(met(Y.encodeStateAsUpdate(a), new Y.Doc())).toBe(true);
    expect(hasPendingState(server)).toBe(false);
  });

  it("refuses structs past the document's clock, deletes of unknown clocks, unknown origins and parents", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "abc");
    const client = doc.clientID;
    expect(met(futureStructs(7, 1), doc)).toBe(false);
    expect(met(futureStructs(client, 1, 4), doc)).toBe(false);
    expect(met(unknownDeletes(9, 3), doc)).toBe(false);
    // Starts inside what the doc holds and runs past it: Yjs would pre-delete future edits.
    expect(met(buildUpdate([], [{ client, clock: 0, length: 2 ** 50 }]), doc)).toBe(false);
    expect(met(buildUpdate([], [{ client, clock: 0, length: 3 }]), doc)).toBe(true);
    const fresh = (item: Parameters<typeof buildUpdate>[0][number]["structs"][number]) => buildUpdate([{ client: 99, clock: 0, structs: [item] }]);
    expect(met(fresh({ kind: "item", origin: { client, clock: 2 }, content: { kind: "string", text: "x" } }), doc)).toBe(true);
    expect(met(fresh({ kind: "item", origin: { client, clock: 3 }, content: { kind: "string", text: "x" } }), doc)).toBe(false);
    expect(met(fresh({ kind: "item", rightOrigin: { client: 12345, clock: 0 }, content: { kind: "string", text: "x" } }), doc)).toBe(false);
    expect(met(fresh({ kind: "item", parent: { client: 12345, clock: 0 }, parentSub: "k", content: { kind: "string", text: "x" } }), doc)).toBe(false);
    // A gap (skip) in the update's own range is a missing dependency too.
    expect(met(buildUpdate([{ client: 99, clock: 0, structs: [{ kind: "gc", length: 2 }, { kind: "skip", length: 3 }, { kind: "gc", length: 1 }] }]), doc)).toBe(false);
  });

  it("accepts run-length extremes that depend on nothing (a huge GC run, a huge deleted item)", () => {
    const doc = new Y.Doc();
    const runs = buildUpdate([
      { client: 2 ** 53 - 1, clock: 0, structs: [{ kind: "gc", length: 2 ** 50 }] },
      { client: 77, clock: 0, structs: [{ kind: "item", parent: "m", parentSub: "k", content: { kind: "deleted", length: 2 ** 40 } }] },
    ]);
    expect(met(runs, doc)).toBe(true);
    Y.applyUpdate(doc, runs);
    expect(hasPendingState(doc)).toBe(false);
    expect(Y.getState(doc.store, 77)).toBe(2 ** 40);
  });

  it("cycles pass the check but leave pending state, which the room drops", () => {
    const doc = new Y.Doc();
    const cycle = cyclicStructs(501, 502);
    expect(met(cycle, doc)).toBe(true);
    Y.applyUpdate(doc, cycle);
    expect(hasPendingState(doc)).toBe(true);
    dropPendingState(doc);
    expect(hasPendingState(doc)).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });

  it("throws on zero-length structs and deletes (the codec turns that into 4400)", () => {
    const zero = [
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "gc", length: 0 }] }]),
      buildUpdate([{ client: 7, clock: 0, structs: [{ kind: "item", parent: "m", parentSub: "k", content: { kind: "deleted", length: 0 } }] }]),
      buildUpdate([{ client: 8, clock: 0, structs: [{ kind: "item", parent: "t", content: { kind: "any", values: [] } }] }]),
      buildUpdate([{ client: 6, clock: 0, structs: [{ kind: "item", parent: "t", content: { kind: "string", text: "" } }] }]),
      buildUpdate([], [{ client: 5, clock: 0, length: 0 }]),
    ];
    for (const update of zero) expect(() => dependenciesOf(Y.decodeUpdate(update))).toThrow(/zero-length/);
  });
});
