import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { elementsMap } from "@quadrant/board-model";
import { localWins } from "./conflict";
import { ElementBinding, type Scheduler } from "./elementBinding";
import { TestScene, type TestElement } from "./testScene";

/** Docs wired through a queue: updates travel only when `deliver()` is called (a slow network). */
class Network {
  private readonly queue: Array<{ from: Y.Doc; update: Uint8Array }> = [];
  constructor(private readonly docs: Y.Doc[]) {
    for (const doc of docs) {
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== this) this.queue.push({ from: doc, update });
      });
    }
  }
  deliver(): void {
    while (this.queue.length > 0) {
      const next = this.queue.shift();
      if (!next) break;
      for (const doc of this.docs) if (doc !== next.from) Y.applyUpdate(doc, next.update, this);
    }
  }
  get queued(): number {
    return this.queue.length;
  }
}

/** A manual clock: nothing runs until `advance`. */
class ManualScheduler implements Scheduler {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.live && t.at <= this.time);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
  }
}

interface Peer {
  doc: Y.Doc;
  scene: TestScene;
  binding: ElementBinding<TestElement>;
}

function setup(count: number, options: { canWrite?: boolean[]; scheduler?: Scheduler } = {}) {
  const peers: Peer[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    const scene = new TestScene(1000 + i * 7919);
    const binding = new ElementBinding<TestElement>({
      map: elementsMap(doc),
      scene,
      canWrite: options.canWrite?.[i] ?? true,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    });
    peers.push({ doc, scene, binding });
  }
  const net = new Network(peers.map((p) => p.doc));
  for (const p of peers) p.binding.start();
  /** local edits flushed, network drained, until quiet (write-backs may need a second round) */
  const settle = () => {
    for (let round = 0; round < 5; round++) {
      for (const p of peers) p.binding.flush();
      if (net.queued === 0) return;
      net.deliver();
    }
  };
  return { peers, net, settle };
}

function snapshot(scene: TestScene) {
  return scene.elements.map((e) => ({ ...e }));
}

describe("ElementBinding", () => {
  it("concurrent adds of different elements both survive on every peer", () => {
    const { peers, settle } = setup(3);
    const [a, b, c] = peers as [Peer, Peer, Peer];
    a.scene.add("a1", "a0");
    b.scene.add("b1", "a1");
    c.scene.add("c1", "a2");
    settle();
    for (const p of peers) expect(p.scene.visible()).toEqual(["a1", "b1", "c1"]);
    expect(snapshot(b.scene)).toEqual(snapshot(a.scene));
    expect(snapshot(c.scene)).toEqual(snapshot(a.scene));
  });

  it("concurrent edits of the same element converge on the higher version", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    a.scene.add("r", "a0");
    settle();
    a.scene.mutate("r", { x: 10 });
    b.scene.mutate("r", { x: 20 });
    b.scene.mutate("r", { x: 30 }); // b is one version ahead
    settle();
    expect(a.scene.get("r").x).toBe(30);
    expect(b.scene.get("r").x).toBe(30);
    expect(elementsMap(a.doc).get("r")?.x).toBe(30);
  });

  it("an equal-version conflict goes to the lower versionNonce on every peer, even when Y picked the other", () => {
    // Run both orders of client ids so Y's own tie-break picks each side once.
    for (const flip of [false, true]) {
      const { peers, settle } = setup(2);
      const [a, b] = (flip ? [peers[1], peers[0]] : peers) as [Peer, Peer];
      a.scene.add("r", "a0");
      settle();
      a.scene.mutate("r", { x: 1 });
      b.scene.mutate("r", { x: 2 });
      const winner = a.scene.get("r").versionNonce < b.scene.get("r").versionNonce ? 1 : 2;
      settle();
      expect(a.scene.get("r").x).toBe(winner);
      expect(b.scene.get("r").x).toBe(winner);
      expect(elementsMap(a.doc).get("r")?.x).toBe(winner);
      expect(elementsMap(b.doc).get("r")?.x).toBe(winner);
    }
  });

  it("deletions propagate as tombstones", () => {
    const { peers, settle } = setup(3);
    const [a, b, c] = peers as [Peer, Peer, Peer];
    a.scene.add("x", "a0");
    a.scene.add("y", "a1");
    settle();
    b.scene.mutate("x", { isDeleted: true });
    settle();
    expect(a.scene.visible()).toEqual(["y"]);
    expect(c.scene.visible()).toEqual(["y"]);
  });

  it("z-order (fractional index) converges after a concurrent reorder", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    a.scene.add("p", "a0");
    a.scene.add("q", "a1");
    a.scene.add("s", "a2");
    settle();
    a.scene.mutate("p", { index: "a3" }); // bring p to front
    b.scene.mutate("s", { index: "Zz" }); // send s to back
    settle();
    expect(a.scene.visible()).toEqual(["s", "q", "p"]);
    expect(b.scene.visible()).toEqual(["s", "q", "p"]);
  });

  it("edits made by mutating the same object in place are still sent", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    const live = a.scene.add("m", "a0");
    settle();
    live.x = 42; // in place, like Excalidraw
    live.version++;
    settle();
    expect(b.scene.get("m").x).toBe(42);
    // and the Y copy is not the scene object: mutating the scene later must not change Y silently
    live.x = 99;
    expect(elementsMap(a.doc).get("m")?.x).toBe(42);
    expect(b.scene.get("m")).not.toBe(live);
  });

  it("applying remote changes produces no echo writes", () => {
    const { peers, net, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    a.scene.add("e", "a0");
    a.scene.mutate("e", { x: 5 });
    settle();
    let writes = 0;
    b.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== net) writes++;
    });
    b.binding.flush();
    b.binding.onLocalChange();
    expect(writes).toBe(0);
    expect(net.queued).toBe(0);
  });

  it("a late joiner receives the whole scene on start", () => {
    const { peers, settle } = setup(1);
    const [a] = peers as [Peer];
    for (let i = 0; i < 20; i++) a.scene.add(`e${i}`, `a${String(i).padStart(2, "0")}`);
    settle();
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(a.doc));
    const scene = new TestScene(5);
    new ElementBinding<TestElement>({ map: elementsMap(late), scene, canWrite: true }).start();
    expect(scene.visible()).toHaveLength(20);
  });

  it("a remote change to an element the user is dragging waits until the drag ends", () => {
    const scheduler = new ManualScheduler();
    const { peers, settle } = setup(2, { scheduler });
    const [a, b] = peers as [Peer, Peer];
    a.scene.add("d", "a0");
    settle();
    b.scene.busy.add("d");
    a.scene.mutate("d", { x: 1 });
    a.scene.mutate("d", { x: 2 });
    settle();
    expect(b.scene.get("d").x).toBe(0);
    b.scene.busy.delete("d");
    scheduler.advance(200);
    expect(b.scene.get("d").x).toBe(2);
  });

  it("throttles a drag to about 30 writes per second and always sends the final position", () => {
    const scheduler = new ManualScheduler();
    const { peers, net } = setup(2, { scheduler });
    const [a, b] = peers as [Peer, Peer];
    a.scene.add("t", "a0");
    a.binding.flush();
    net.deliver();
    let writes = 0;
    a.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== net) writes++;
    });
    // 1 second of 120 Hz pointer moves
    for (let i = 1; i <= 120; i++) {
      scheduler.advance(1000 / 120);
      a.scene.mutate("t", { x: i });
      a.binding.onLocalChange();
    }
    scheduler.advance(100);
    net.deliver();
    expect(writes).toBeLessThanOrEqual(32);
    expect(writes).toBeGreaterThan(5);
    expect(b.scene.get("t").x).toBe(120);
  });

  it("a viewer applies remote changes but never writes", () => {
    const { peers, settle } = setup(2, { canWrite: [true, false] });
    const [a, viewer] = peers as [Peer, Peer];
    a.scene.add("v", "a0");
    settle();
    expect(viewer.scene.visible()).toEqual(["v"]);
    viewer.scene.add("mine", "a1");
    settle();
    expect(a.scene.visible()).toEqual(["v"]);
    expect(elementsMap(viewer.doc).has("mine")).toBe(false);
  });

  it("an element the canvas re-indexes on arrival is written back, so a later document patch reaches every canvas", () => {
    // The theme panel's path: `insert` puts a frame into Y with index null, every canvas
    // gives it an index (version + 1, its own nonce), then the panel renames it in Y (version + 1).
    const scheduler = new ManualScheduler();
    const { peers, net, settle } = setup(2, { scheduler });
    const [a, b] = peers as [Peer, Peer];
    const frame: TestElement = { id: "f", x: 0, y: 0, version: 1, versionNonce: 5, isDeleted: false, index: null, text: "New theme" };
    elementsMap(a.doc).set("f", { ...frame });
    // No explicit flush: the binding itself notices the re-indexed copy and writes it (throttled).
    for (let round = 0; round < 3; round++) {
      scheduler.advance(50);
      net.deliver();
    }
    const stored = elementsMap(a.doc).get("f");
    expect(stored?.index).toBe("Zf");
    for (const p of peers) {
      expect(elementsMap(p.doc).get("f")).toEqual(stored);
      expect({ version: p.scene.get("f").version, versionNonce: p.scene.get("f").versionNonce }).toEqual({ version: stored?.version, versionNonce: stored?.versionNonce });
    }
    // The rename: one version above what Y holds, with the highest possible nonce (it must win on version alone).
    const current = elementsMap(b.doc).get("f");
    elementsMap(b.doc).set("f", { ...current, text: "Enterprise-ready platform", version: Number(current?.version) + 1, versionNonce: 2 ** 31 - 1 });
    settle();
    for (const p of peers) {
      expect(p.scene.get("f").text).toBe("Enterprise-ready platform");
      expect(elementsMap(p.doc).get("f")?.text).toBe("Enterprise-ready platform");
    }
  });

  it("ignores malformed Y entries instead of breaking the scene", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    elementsMap(a.doc).set("bad", { id: "bad", version: "x" });
    a.scene.add("ok", "a0");
    settle();
    expect(b.scene.visible()).toEqual(["ok"]);
  });

  it("a remote edit on a big board replaces that one element in place: no full reconcile, every other element untouched", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    for (let i = 0; i < 300; i++) a.scene.add(`e${i}`, `a${String(i).padStart(3, "0")}`);
    settle();
    const before = [...b.scene.elements];
    const applies = b.scene.applyCount;
    const inPlace = b.scene.inPlaceCount;
    a.scene.mutate("e150", { x: 77 });
    settle();
    expect(b.scene.applyCount).toBe(applies + 1);
    expect(b.scene.inPlaceCount).toBe(inPlace + 1);
    expect(b.scene.get("e150").x).toBe(77);
    b.scene.elements.forEach((e, i) => {
      if (e.id !== "e150") expect(e).toBe(before[i]);
    });
    expect(snapshot(b.scene)).toEqual(snapshot(a.scene));
  });

  it("concurrent edits of one element on the in-place path converge on the reconcile's winner everywhere", () => {
    const { peers, settle } = setup(3);
    const [a, b, c] = peers as [Peer, Peer, Peer];
    for (let i = 0; i < 20; i++) a.scene.add(`e${i}`, `a${String(i).padStart(2, "0")}`);
    settle();
    const inPlace = peers.map((p) => p.scene.inPlaceCount);
    a.scene.mutate("e5", { x: 1 });
    b.scene.mutate("e5", { x: 2 });
    c.scene.mutate("e5", { x: 3 });
    c.scene.mutate("e9", { x: 9 });
    const copies = peers.map((p) => p.scene.get("e5"));
    const winner = copies.reduce((best, e) => (localWins(best, e) ? best : e));
    settle();
    for (const p of peers) {
      expect(p.scene.get("e5").x).toBe(winner.x);
      expect(p.scene.get("e9").x).toBe(9);
      expect(elementsMap(p.doc).get("e5")?.x).toBe(winner.x);
      expect(snapshot(p.scene)).toEqual(snapshot(a.scene));
    }
    peers.forEach((p, i) => expect(p.scene.inPlaceCount).toBeGreaterThan(inPlace[i] ?? 0));
  });

  it("in one remote batch, a busy element waits while the others are applied in place, then follows", () => {
    const scheduler = new ManualScheduler();
    const { peers, settle } = setup(2, { scheduler });
    const [a, b] = peers as [Peer, Peer];
    for (let i = 0; i < 10; i++) a.scene.add(`e${i}`, `a${i}`);
    settle();
    b.scene.busy.add("e3");
    const inPlace = b.scene.inPlaceCount;
    a.scene.mutate("e3", { x: 30 });
    a.scene.mutate("e4", { x: 40 });
    settle();
    expect(b.scene.get("e4").x).toBe(40);
    expect(b.scene.get("e3").x).toBe(0);
    expect(b.scene.inPlaceCount).toBe(inPlace + 1);
    b.scene.busy.delete("e3");
    scheduler.advance(200);
    expect(b.scene.get("e3").x).toBe(30);
    expect(b.scene.inPlaceCount).toBe(inPlace + 2);
    expect(snapshot(b.scene)).toEqual(snapshot(a.scene));
  });

  it("a remote edit that changes an element's place in the z-order takes the full reconcile", () => {
    const { peers, settle } = setup(2);
    const [a, b] = peers as [Peer, Peer];
    for (let i = 0; i < 5; i++) a.scene.add(`e${i}`, `a${i}`);
    settle();
    const inPlace = b.scene.inPlaceCount;
    const applies = b.scene.applyCount;
    a.scene.mutate("e0", { index: "a9" });
    settle();
    expect(b.scene.applyCount).toBe(applies + 1);
    expect(b.scene.inPlaceCount).toBe(inPlace);
    expect(b.scene.elements.map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4", "e0"]);
  });
});
