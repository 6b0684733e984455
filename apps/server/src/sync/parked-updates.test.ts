import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Connection } from "./connection";
import { MAX_PARKED_BYTES, MAX_PARKED_UPDATES, ParkedUpdates } from "./parked-updates";
import { dependenciesOf, unmetDependency } from "./update-dependencies";
import { FakeSocket } from "../../test-support/fake-socket";
import { futureStructs } from "../../test-support/hostile-updates";

const connection = (id: string) =>
  new Connection({ id, boardId: "b", role: "editor", participant: undefined, wantsControl: false }, new FakeSocket(), 1 << 20);

function park(parked: ParkedUpdates, c: Connection, update: Uint8Array, doc: Y.Doc): boolean {
  const dependencies = dependenciesOf(Y.decodeUpdate(update));
  const blocker = unmetDependency(dependencies, doc);
  if (!blocker) throw new Error("expected an unmet dependency");
  return parked.park(c, update, dependencies, blocker);
}

describe("parked updates (SS7)", () => {
  it("applies a chain of updates that arrived in reverse order once the first one lands", () => {
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on("update", (u: Uint8Array) => updates.push(u));
    for (const word of ["one ", "two ", "three"]) client.getText("t").insert(client.getText("t").length, word);
    const [first, second, third] = updates;
    if (!first || !second || !third) throw new Error("expected three updates");

    const server = new Y.Doc();
    const parked = new ParkedUpdates();
    const c = connection("c");
    expect(park(parked, c, third, server)).toBe(true);
    expect(park(parked, c, second, server)).toBe(true);
    const applied: Uint8Array[] = [];
    const apply = (_: Connection, u: Uint8Array) => {
      applied.push(u);
      Y.applyUpdate(server, u);
    };
    parked.drain(server, apply);
    expect(applied).toEqual([]);
    Y.applyUpdate(server, first);
    parked.drain(server, apply);
    expect(applied).toEqual([second, third]);
    expect(server.getText("t").toString()).toBe("one two three");
    expect(server.store.pendingStructs).toBeNull();
  });

  it("bounds what one connection may park, by count and by bytes; forgetting a connection frees its budget", () => {
    const doc = new Y.Doc();
    const parked = new ParkedUpdates();
    const a = connection("a");
    const b = connection("b");
    for (let i = 0; i < MAX_PARKED_UPDATES; i++) expect(park(parked, a, futureStructs(1000 + i, 1), doc)).toBe(true);
    expect(park(parked, a, futureStructs(5000, 1), doc)).toBe(false);
    expect(park(parked, b, futureStructs(6000, 1), doc)).toBe(true);
    parked.forget(a);
    expect(park(parked, a, futureStructs(7000, 1), doc)).toBe(true);
    const big = futureStructs(10_000, 3_000);
    expect(big.byteLength).toBeGreaterThan(MAX_PARKED_BYTES);
    expect(park(parked, connection("c"), big, doc)).toBe(false);
  });
});
