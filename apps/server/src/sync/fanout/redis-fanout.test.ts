import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { redisAvailable, TEST_REDIS_URL } from "../../../test-support/external-services";
import type { FanoutMessage } from "./fanout";
import { silentLogger } from "../logger";
import { RedisFanout, type RedisFanoutOptions } from "./redis-fanout";

// Throws in CI when Redis is missing; elsewhere warns loudly and skips.
const available = await redisAvailable();

/**
 * A stand-in for Room.handleFanout: applies updates, answers state vectors
 * with the diff, records what arrived. The real Room is exercised by the
 * two-instance tests (cluster.test.ts).
 */
class FakeRoom {
  readonly doc = new Y.Doc();
  readonly received: FanoutMessage[] = [];
  constructor(
    readonly docId: string,
    private readonly fanout: () => RedisFanout,
  ) {}
  handle = (message: FanoutMessage): void => {
    this.received.push(message);
    switch (message.kind) {
      case "update":
        Y.applyUpdate(this.doc, message.update, "remote");
        return;
      case "state-vector": {
        const diff = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        if (diff.byteLength > 2) this.fanout().publish({ kind: "update", docId: this.docId, update: diff });
        return;
      }
      case "awareness":
      case "control-changed":
      case "roles-revoked":
        return;
      default: {
        const exhaustive: never = message;
        return exhaustive;
      }
    }
  };
  /** Edits locally and publishes the edit, as a room does after storing it. */
  edit(text: string): void {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getArray<string>("notes").push([text]);
    this.fanout().publish({ kind: "update", docId: this.docId, update: Y.encodeStateAsUpdate(this.doc, before) });
  }
  notes(): string[] {
    return this.doc.getArray<string>("notes").toArray();
  }
}

describe.runIf(available)("RedisFanout against real Redis", () => {
  const open: RedisFanout[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((fanout) => fanout.close()));
  });

  const prefix = `quadrant-test:${randomBytes(6).toString("hex")}:`;
  function instance(
    docId: string,
    extra: Partial<RedisFanoutOptions> = {},
  ): { fanout: RedisFanout; room: FakeRoom; failures: { count: number } } {
    const failures = { count: 0 };
    let fanout: RedisFanout | undefined;
    const room = new FakeRoom(docId, () => {
      if (!fanout) throw new Error("fanout not created yet");
      return fanout;
    });
    fanout = new RedisFanout({
      url: TEST_REDIS_URL,
      logger: silentLogger,
      channelPrefix: prefix,
      stateVector: (id) => (id === docId ? Y.encodeStateVector(room.doc) : null),
      metrics: { publishFailed: () => failures.count++ },
      resyncIntervalMs: 60_000,
      ...extra,
    });
    open.push(fanout);
    return { fanout, room, failures };
  }

  it("relays every message kind to the other instance and never back to the sender (SS11)", async () => {
    const docId = randomBytes(16).toString("base64url");
    const a = instance(docId);
    const b = instance(docId);
    await waitFor(() => a.fanout.healthy() && b.fanout.healthy());
    a.fanout.subscribe(docId, a.room.handle);
    b.fanout.subscribe(docId, b.room.handle);
    await settle();
    a.room.received.length = 0;
    b.room.received.length = 0;

    a.room.edit("Quick win: SSO");
    a.fanout.publish({ kind: "awareness", docId, update: Uint8Array.of(1, 2, 3) });
    a.fanout.publish({ kind: "control-changed", docId });
    a.fanout.publish({ kind: "roles-revoked", docId, roles: ["editor", "viewer"] });
    await waitFor(() => b.room.received.length >= 4);
    expect(b.room.notes()).toEqual(["Quick win: SSO"]);
    expect(b.room.received.map((m) => m.kind)).toEqual(["update", "awareness", "control-changed", "roles-revoked"]);
    expect(b.room.received[3]).toEqual({ kind: "roles-revoked", docId, roles: ["editor", "viewer"] });
    expect(b.room.received[1]).toEqual({ kind: "awareness", docId, update: Uint8Array.of(1, 2, 3) });
    await settle();
    expect(a.room.received).toEqual([]);
  });

  it("catches a new subscriber up through the state-vector exchange", async () => {
    const docId = randomBytes(16).toString("base64url");
    const a = instance(docId);
    a.fanout.subscribe(docId, a.room.handle);
    await waitFor(() => a.fanout.healthy());
    a.room.doc.getArray<string>("notes").push(["written before b existed"]);

    const b = instance(docId);
    b.fanout.subscribe(docId, b.room.handle);
    await waitFor(() => b.room.notes().length === 1);
    expect(b.room.notes()).toEqual(["written before b existed"]);
  });

  it("heals a dropped update with the periodic state-vector resync (SS11)", async () => {
    const docId = randomBytes(16).toString("base64url");
    let dropped = 0;
    const a = instance(docId, {
      resyncIntervalMs: 1_000,
      // Lose the first update that reaches a, as Redis pub/sub may.
      dropIncoming: (message) => {
        if (message.kind !== "update" || dropped > 0) return false;
        dropped++;
        return true;
      },
    });
    const b = instance(docId, { resyncIntervalMs: 1_000 });
    await waitFor(() => a.fanout.healthy() && b.fanout.healthy());
    a.fanout.subscribe(docId, a.room.handle);
    b.fanout.subscribe(docId, b.room.handle);
    await settle();

    b.room.edit("Big bet: enterprise tier");
    await settle();
    expect(dropped).toBe(1);
    expect(a.room.notes()).toEqual([]);
    await waitFor(() => a.room.notes().length === 1, 3_000);
    expect(a.room.notes()).toEqual(["Big bet: enterprise tier"]);
  });

  it("reports unhealthy after its connection is killed, reconnects and resyncs", async () => {
    const docId = randomBytes(16).toString("base64url");
    const a = instance(docId);
    const b = instance(docId);
    await waitFor(() => a.fanout.healthy() && b.fanout.healthy());
    a.fanout.subscribe(docId, a.room.handle);
    b.fanout.subscribe(docId, b.room.handle);
    await settle();

    // While a's subscriber is cut off, b's edit is published into the void.
    const admin = new Redis(TEST_REDIS_URL);
    try {
      const list = await admin.client("LIST");
      const line = String(list)
        .split("\n")
        .find((entry) => entry.includes(`name=quadrant-sub-${process.pid}-${a.fanout.instance}`));
      const id = /\bid=(\d+)/.exec(line ?? "")?.[1];
      expect(id).toBeDefined();
      await admin.client("KILL", "ID", String(id));
    } finally {
      admin.disconnect();
    }
    b.room.edit("Time sink: rewrite in Rust");
    await waitFor(() => !a.fanout.healthy(), 1_000).catch(() => undefined);
    // Back: a republishes its state vector and b answers with the diff.
    await waitFor(() => a.fanout.healthy() && a.room.notes().length === 1, 5_000);
    expect(a.room.notes()).toEqual(["Time sink: rewrite in Rust"]);
  });

  it("keeps working without Redis: unhealthy, publishes counted as failures, close returns", async () => {
    const docId = randomBytes(16).toString("base64url");
    const down = instance(docId, { url: "redis://127.0.0.1:1" });
    down.fanout.subscribe(docId, down.room.handle);
    await settle();
    expect(down.fanout.healthy()).toBe(false);
    down.room.edit("still local");
    expect(down.failures.count).toBeGreaterThanOrEqual(1);
    expect(down.room.notes()).toEqual(["still local"]);
    await down.fanout.close();
  });
});

async function settle(ms = 150): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
