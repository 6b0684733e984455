import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import { Presence } from "./presence";
import type { Scheduler } from "./elementBinding";

class ManualScheduler implements Scheduler {
  time = 1000;
  private timers: Array<() => void> = [];
  now() {
    return this.time;
  }
  setTimeout(fn: () => void) {
    this.timers.push(fn);
    return () => {
      this.timers = this.timers.filter((t) => t !== fn);
    };
  }
  runAll() {
    const due = this.timers;
    this.timers = [];
    for (const fn of due) fn();
  }
}

function relay(from: Awareness, to: Awareness) {
  from.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), "net");
  });
}

describe("Presence", () => {
  it("shows and clears a person's group beside their name, keeping the rest of the user", () => {
    const a = new Awareness(new Y.Doc());
    const b = new Awareness(new Y.Doc());
    relay(a, b);
    const pa = new Presence(a, new ManualScheduler());
    const pb = new Presence(b, new ManualScheduler());
    pa.setUser({ name: "Cara", color: "#1971c2", role: "editor" });
    pa.setGroup("Sales");
    expect(pb.peers().find((p) => p.clientId === a.clientID)?.state.user).toEqual({ name: "Cara", color: "#1971c2", role: "editor", group: "Sales" });
    pa.setGroup(undefined);
    expect(pb.peers().find((p) => p.clientId === a.clientID)?.state.user).toEqual({ name: "Cara", color: "#1971c2", role: "editor" });
  });

  it("publishes user, pointer and selection to the other side and ignores malformed states", () => {
    const a = new Awareness(new Y.Doc());
    const b = new Awareness(new Y.Doc());
    const c = new Awareness(new Y.Doc());
    relay(a, b);
    relay(c, b);
    const scheduler = new ManualScheduler();
    const pa = new Presence(a, scheduler);
    const pb = new Presence(b, scheduler);
    pa.setUser({ name: "Ana", color: "#e03131", role: "editor" });
    pa.setPointer({ x: 10, y: 20 }, "up");
    pa.setSelection(["el1"]);
    c.setLocalState({ user: { name: 42 } });
    scheduler.runAll();
    const peers = pb.peers();
    expect(peers).toHaveLength(1);
    expect(peers[0]?.state).toMatchObject({ user: { name: "Ana" }, pointer: { x: 10, y: 20 }, selectedElementIds: ["el1"] });
  });

  it("coalesces a burst of pointer moves into one update per interval, keeping the last position", () => {
    const a = new Awareness(new Y.Doc());
    const scheduler = new ManualScheduler();
    const presence = new Presence(a, scheduler);
    presence.setUser({ name: "Ana", color: "#e03131", role: "editor" });
    let updates = 0;
    a.on("change", () => updates++);
    for (let i = 0; i < 50; i++) presence.setPointer({ x: i, y: i }, "down");
    scheduler.runAll();
    expect(updates).toBeLessThanOrEqual(2);
    expect(presence.local()?.pointer).toEqual({ x: 49, y: 49 });
  });
});
