import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildUpdate, cyclicStructs, futureStructs, unknownDeletes } from "../../test-support/hostile-updates";
import { seededRandom } from "../../test-support/frame-fuzzer";
import { dependenciesOf, type UpdateDependencies } from "./update-dependencies";
import { scanUpdateDependencies } from "./update-scan";

/** What the decoder-based summary says: the map (in its order) or that it threw. */
function viaDecoder(update: Uint8Array): UpdateDependencies | "throws" {
  try {
    return dependenciesOf(Y.decodeUpdate(update));
  } catch {
    return "throws";
  }
}

function viaScan(update: Uint8Array): UpdateDependencies | "throws" {
  try {
    return scanUpdateDependencies(update);
  } catch {
    return "throws";
  }
}

/** Same outcome, and for a map the same entries in the same order (the first unmet need is the parking reason). */
function expectSame(update: Uint8Array): void {
  const expected = viaDecoder(update);
  const scanned = viaScan(update);
  if (expected === "throws" || scanned === "throws") {
    expect(scanned, `update ${Buffer.from(update).toString("hex")}`).toBe(expected);
    return;
  }
  expect([...scanned.entries()], `update ${Buffer.from(update).toString("hex")}`).toEqual([...expected.entries()]);
}

/** Every update a set of real edits produced, one per transaction, plus the docs' full states. */
function realUpdates(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const a = new Y.Doc({ gc: true });
  const b = new Y.Doc();
  a.on("update", (u: Uint8Array) => {
    updates.push(u);
    Y.applyUpdate(b, u);
  });
  b.on("update", (u: Uint8Array) => updates.push(u));
  // ContentAny: an element-like object with every value kind lib0 writes.
  const elements = a.getMap<unknown>("elements");
  elements.set("el-1", {
    id: "el-1",
    type: "rectangle",
    x: -120.5,
    y: 2 ** 40,
    small: -7,
    width: 1e-7,
    float32ish: 0.5,
    big: 2n ** 60n,
    isDeleted: false,
    locked: true,
    link: null,
    missing: undefined,
    groupIds: ["g1", "g2", ["nested", 3]],
    customData: { note: "ünïcødé 🚀", bytes: new Uint8Array([1, 2, 3]) },
    text: "",
  });
  elements.set("el-2", "a plain string");
  elements.delete("el-2");
  // ContentString (UTF-16 lengths: astral characters count two), ContentFormat, ContentEmbed, deletes.
  const text = a.getText("text");
  text.insert(0, "hello 🌍 world");
  text.format(0, 5, { bold: true, color: "#ff0000" });
  text.insertEmbed(3, { image: "x.png" });
  text.insert(4, "in the middle");
  text.delete(2, 6);
  // ContentType of every type, ContentBinary, items whose parent is an item (nested types).
  const array = a.getArray<unknown>("array");
  const nestedMap = new Y.Map<unknown>();
  const xml = new Y.XmlElement("paragraph");
  array.push([new Uint8Array([9, 8, 7]), nestedMap, new Y.Array(), new Y.Text("t"), xml, new Y.XmlFragment(), new Y.XmlHook("hook"), new Y.XmlText("x")]);
  nestedMap.set("deep", { v: 1 });
  xml.setAttribute("class", "lead");
  xml.insert(0, [new Y.XmlText("inside")]);
  // ContentDoc (a subdocument): the scan hands these to the decoder.
  elements.set("sub", new Y.Doc());
  // Concurrent edits of b, merged back: origins and right origins across clients.
  b.getText("text").insert(1, "B");
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  array.delete(0, 2);
  updates.push(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b));
  // GC structs (a's deleted content, collected) and Skip structs (a merge with a gap).
  updates.push(Y.mergeUpdates([updates[0]!, updates[5]!]));
  updates.push(Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  return updates;
}

/** A map entry whose content is ContentJSON (ref 2), which Yjs still reads but no longer writes. */
function jsonContentUpdate(values: readonly string[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs
  encoding.writeVarUint(e, 4242); // client
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 2 | 0x20); // JSON content, with a parentSub
  encoding.writeVarUint(e, 1); // parent is a root type, by name
  encoding.writeVarString(e, "elements");
  encoding.writeVarString(e, "k");
  encoding.writeVarUint(e, values.length);
  for (const v of values) encoding.writeVarString(e, v);
  encoding.writeVarUint(e, 0); // delete set: no clients
  return encoding.toUint8Array(e);
}

describe("scanUpdateDependencies: dependenciesOf(Y.decodeUpdate(u)) without building the update", () => {
  it("gives the decoder's answer, in its order, for real updates of every content kind", () => {
    const updates = realUpdates();
    expect(updates.length).toBeGreaterThan(20);
    for (const update of updates) {
      expectSame(update);
      expect(viaScan(update)).not.toBe("throws");
    }
  });

  it("gives the decoder's answer for hostile updates: future clocks, unknown deletes, cycles, zero lengths, JSON content", () => {
    const cases = [
      futureStructs(7, 1),
      unknownDeletes(9, 3),
      cyclicStructs(1, 2),
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "gc", length: 0 }] }]),
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "item", parent: "m", parentSub: "k", content: { kind: "deleted", length: 0 } }] }]),
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "item", parent: "m", content: { kind: "string", text: "" } }] }]),
      buildUpdate([{ client: 5, clock: 0, structs: [{ kind: "item", parent: "m", content: { kind: "any", values: [] } }] }]),
      buildUpdate([], [{ client: 5, clock: 3, length: 0 }]),
      buildUpdate([{ client: 2 ** 53 - 1, clock: 0, structs: [{ kind: "gc", length: 2 ** 50 }, { kind: "skip", length: 3 }, { kind: "gc", length: 1 }] }]),
      jsonContentUpdate(['{"a":1}', "undefined", "[1,2]"]),
      jsonContentUpdate(["{not json"]),
      jsonContentUpdate([]),
    ];
    for (const update of cases) expectSame(update);
    expect(viaScan(jsonContentUpdate(["{not json"]))).toBe("throws");
    expect(viaScan(buildUpdate([], [{ client: 5, clock: 3, length: 0 }]))).toBe("throws");
  });

  it("throws exactly where the decoder throws, on 20,000 mutated real updates (truncated, bytes changed, inserted, removed)", () => {
    const random = seededRandom(20261208);
    const pick = (n: number) => Math.floor(random() * n);
    const sources = [...realUpdates(), jsonContentUpdate(['{"a":1}'])].filter((u) => u.byteLength > 2);
    // Bytes a decoder branches on, more often than chance would give them.
    const interesting = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x1f, 0x20, 0x40, 0x80, 0x81, 0xff, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127];
    let threw = 0;
    for (let i = 0; i < 20_000; i++) {
      const source = sources[pick(sources.length)]!;
      const bytes = Array.from(source);
      const edits = 1 + pick(3);
      for (let k = 0; k < edits; k++) {
        const at = pick(bytes.length);
        const value = random() < 0.5 ? interesting[pick(interesting.length)]! : pick(256);
        switch (pick(4)) {
          case 0:
            bytes.length = at;
            break;
          case 1:
            bytes[at] = value;
            break;
          case 2:
            bytes.splice(at, 0, value);
            break;
          default:
            bytes.splice(at, 1 + pick(4));
        }
      }
      const mutated = Uint8Array.from(bytes);
      expectSame(mutated);
      if (viaDecoder(mutated) === "throws") threw++;
    }
    // Both outcomes were exercised, many times each.
    expect(threw).toBeGreaterThan(2_000);
    expect(threw).toBeLessThan(19_000);
  });

  it("reads only the update's own bytes, when it is a view into a larger buffer (as a frame's payload is)", () => {
    const update = realUpdates()[0]!;
    const frame = new Uint8Array(update.byteLength + 64).fill(0x77);
    frame.set(update, 16);
    const view = frame.subarray(16, 16 + update.byteLength);
    expectSame(view);
    // Cut one byte short: the bytes after it in the buffer must not complete it.
    expectSame(frame.subarray(16, 16 + update.byteLength - 1));
    expect(viaScan(frame.subarray(16, 16 + update.byteLength - 1))).toBe("throws");
  });
});
