import { describe, expect, it } from "vitest";
import { compareByIndex, localWins } from "./conflict";
import { replaceInOrder } from "./replaceInOrder";
import type { TestElement } from "./testScene";

const el = (id: string, index: string | null, version = 1, versionNonce = 5): TestElement => ({ id, index, version, versionNonce, isDeleted: false, x: 0, y: 0 });

/** What a full reconcile gives (Excalidraw's rule: first copy of an id, local kept when `discard`, then sorted by index). */
function reconcile(local: readonly TestElement[], remote: readonly TestElement[], discard: (l: TestElement, r: TestElement) => boolean): TestElement[] {
  const byId = new Map(local.map((e) => [e.id, e]));
  const seen = new Set<string>();
  for (const r of remote) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const mine = byId.get(r.id);
    if (!mine || !discard(mine, r)) byId.set(r.id, r);
  }
  return [...byId.values()].sort(compareByIndex);
}

function lookup(elements: readonly TestElement[]) {
  const byId = new Map(elements.map((e) => [e.id, e]));
  return (id: string) => byId.get(id);
}

const board = () => [el("a", "a0"), el("b", "a1"), el("c", "a2"), el("d", "a3")];

describe("replaceInOrder", () => {
  it("puts a winning remote copy in its local copy's place and leaves every other element as it was", () => {
    const local = board();
    const moved = { ...el("c", "a2", 2, 9), x: 40 };
    const next = replaceInOrder(local, lookup(local), [moved], (l, r) => localWins(l, r));
    expect(next).not.toBe(local);
    expect(next).toEqual(reconcile(local, [moved], localWins));
    expect(next?.[2]).toBe(moved);
    for (const i of [0, 1, 3]) expect(next?.[i]).toBe(local[i]);
    expect(local[2]?.id).toBe("c"); // the scene's own array is not touched
    expect(local[2]).not.toBe(moved);
  });

  it("returns the same array when every remote copy loses (newer local, or the user is busy with it)", () => {
    const local = [el("a", "a0", 3), el("b", "a1")];
    expect(replaceInOrder(local, lookup(local), [el("a", "a0", 2)], localWins)).toBe(local);
    expect(replaceInOrder(local, lookup(local), [el("b", "a1", 9)], () => true)).toBe(local);
  });

  it("an equal version goes to the lower nonce, as in the reconcile", () => {
    const local = [el("a", "a0", 2, 50)];
    expect(replaceInOrder(local, lookup(local), [el("a", "a0", 2, 60)], localWins)).toBe(local);
    const lower = el("a", "a0", 2, 40);
    expect(replaceInOrder(local, lookup(local), [lower], localWins)?.[0]).toBe(lower);
  });

  it("declines (full reconcile) a new element, a changed or missing index, and an index that no longer sorts between its neighbours", () => {
    const local = board();
    const decline = (remote: TestElement[], scene = local) => replaceInOrder(scene, lookup(scene), remote, localWins);
    expect(decline([el("e", "a4", 2)])).toBeNull();
    expect(decline([el("b", "a5", 2)])).toBeNull();
    expect(decline([el("b", null, 2)])).toBeNull();
    // a tie with a neighbour: the reconcile orders ties by id, not by array position
    const tied = [el("a", "a0"), el("b", "a1"), el("c", "a1"), el("d", "a3")];
    expect(decline([el("b", "a1", 2)], tied)).toBeNull();
    const unindexed = [el("a", "a0"), el("b", "a1"), el("c", null)];
    expect(decline([el("b", "a1", 2)], unindexed)).toBeNull();
  });

  it("declines a batch larger than an edit (a sync or a paste)", () => {
    const local = Array.from({ length: 40 }, (_, i) => el(`e${i}`, `a${String(i).padStart(2, "0")}`));
    const remote = local.map((e) => ({ ...e, version: 2 }));
    expect(replaceInOrder(local, lookup(local), remote, localWins)).toBeNull();
    expect(replaceInOrder(local, lookup(local), remote.slice(0, 3), localWins)).toEqual(reconcile(local, remote.slice(0, 3), localWins));
  });

  it("keeps the first copy of an id handed twice, as the reconcile does", () => {
    const local = board();
    const first = el("b", "a1", 3, 1);
    const second = el("b", "a1", 4, 1);
    const next = replaceInOrder(local, lookup(local), [first, second], localWins);
    expect(next?.[1]).toBe(first);
    expect(next).toEqual(reconcile(local, [first, second], localWins));
  });

  it("whenever it answers, the answer is the full reconcile's (random boards and edits)", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let answered = 0;
    for (let round = 0; round < 500; round++) {
      const size = 1 + Math.floor(random() * 12);
      // distinct, sorted indices, sometimes with a gap to move into
      const local = Array.from({ length: size }, (_, i) => el(`e${i}`, `a${String(i * 2).padStart(2, "0")}`, 1 + Math.floor(random() * 3), Math.floor(random() * 5)));
      const remote = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const i = Math.floor(random() * (size + 1));
        const pick = random();
        // its own index, a free one anywhere on the board (a move in the z-order), or none
        const index = pick < 0.6 ? `a${String(i * 2).padStart(2, "0")}` : pick < 0.9 ? `a${String(Math.floor(random() * size) * 2 + 1).padStart(2, "0")}` : null;
        return { ...el(`e${i}`, index, 1 + Math.floor(random() * 3), Math.floor(random() * 5)), x: round };
      });
      const busy = random() < 0.2 ? `e${Math.floor(random() * size)}` : null;
      const discard = (l: TestElement, r: TestElement) => l.id === busy || localWins(l, r);
      const next = replaceInOrder(local, lookup(local), remote, discard);
      if (next === null) continue;
      answered++;
      expect(next).toEqual(reconcile(local, remote, discard));
    }
    expect(answered).toBeGreaterThan(200);
  });
});
