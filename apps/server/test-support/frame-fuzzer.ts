import * as encoding from "lib0/encoding";
import { MessageType, SyncStep } from "@quadrant/protocol";
import { buildUpdate, cyclicStructs, futureStructs, unknownDeletes, type StructId } from "./hostile-updates";

/** mulberry32: small, fast, seeded. The same seed replays the same frames. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Which socket sends a frame. Mutations of valid frames may still decode into a
 * legitimate edit that an editor is allowed to make, so they go through viewer
 * sockets: the decoder judges every byte, the write policy drops the edit. The
 * structured attacks go through editor sockets, so the apply path sees them.
 */
export type FuzzSocketRole = "viewer" | "editor";

export interface FuzzFrame {
  category: string;
  data: Uint8Array | string;
  role: FuzzSocketRole;
  /** "close": the server must close the socket; "any": closing or ignoring are both fine. */
  expect: "close" | "any";
  /** Carries a document update: its verdict comes at the next flush. */
  update: boolean;
}

export interface FuzzLimits {
  maxFrameBytes: number;
  maxAwarenessBytes: number;
  /** Updates with unmet dependencies up to this size are parked, not refused (parked-updates.ts). */
  maxParkedBytes: number;
}

/** Client ids and clocks the well-behaved writer uses, so attacks can aim at them (and never overlap them). */
export interface WriterState {
  client: number;
  clock: number;
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const syncFrame = (step: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessFrame = (entries: { client: number; clock: number; json: string }[]) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, frame((u) => {
      encoding.writeVarUint(u, entries.length);
      for (const entry of entries) {
        encoding.writeVarUint(u, entry.client);
        encoding.writeVarUint(u, entry.clock);
        encoding.writeVarString(u, entry.json);
      }
    }));
  });

/**
 * Generates hostile websocket frames: mutations of a corpus of valid frames and
 * structured attacks (see `categories`). Deterministic for a seed, given the
 * same corpus and writer state.
 */
export class FrameFuzzer {
  private readonly random: () => number;
  /** Fresh client ids for attacks, far from the writer's (random 32-bit) and from each other. */
  private nextClient = 2 ** 40;
  private readonly categories: [weight: number, make: () => FuzzFrame][];

  constructor(
    readonly seed: number,
    /** Valid frames of every message type; mutated copies are sent by viewers. Grows as the writer writes. */
    private readonly corpus: Uint8Array[],
    private readonly writer: () => WriterState,
    private readonly limits: FuzzLimits,
  ) {
    this.random = seededRandom(seed);
    this.categories = [
      [40, () => this.mutated()],
      [3, () => this.editor("text frame", this.pick([
        "hello", "", "{\"type\":\"sync\"}", "\u0000\u0001", "\ud800", "x".repeat(this.int(5000)),
      ]), "close")],
      [2, () => this.editor("empty frame", new Uint8Array(), "close")],
      [4, () => this.editor("unknown message type", frame((e) => {
        encoding.writeVarUint(e, this.pick([4, 5, 99, 101, 127, 128, 255, 2 ** 31, 2 ** 53 - 1]));
        encoding.writeUint8Array(e, this.bytes(this.int(32)));
      }), "close")],
      [4, () => this.editor("unknown sync step", syncFrame(3 + this.int(1000), this.bytes(this.int(16))), "close")],
      [5, () => this.editor("truncated valid frame", this.truncated(), "close")],
      [5, () => this.editor("huge declared length", this.hugeLength(), "close")],
      [3, () => this.editor("varint overflow", Uint8Array.from([this.pick([0, 1, 100]), ...Array.from({ length: 9 + this.int(8) }, () => 0xff), 1]), "close")],
      [4, () => this.editor("trailing bytes", Uint8Array.from([...this.pick(this.corpus), ...this.bytes(1 + this.int(8))]), "close")],
      [4, () => this.editor("struct/client count past the end", this.countAbuse(), "close")],
      [4, () => this.update("deletes of unknown clocks", this.unknownDeletes())],
      [4, () => this.update("structs past the clock", this.futureStructs())],
      [4, () => this.update("unknown origin or parent", this.unknownReference())],
      [2, () => this.update("dependency cycle", cyclicStructs(this.fresh(1), this.fresh(1)), "close")],
      [3, () => this.update("zero-length struct", this.zeroLength(), "close")],
      [3, () => this.editor("awareness invalid JSON", awarenessFrame([{ client: this.fresh(1), clock: 1, json: this.pick(["{", "[1,", "undefined", "{'a':1}", "\"unterminated"]) }]), "close")],
      [3, () => this.editor("awareness nested too deep", awarenessFrame([{ client: this.fresh(1), clock: 1, json: this.nestedJson(33 + this.int(20_000)) }]), "close")],
      [3, () => this.editor("awareness over the size limit", awarenessFrame([{ client: this.fresh(1), clock: 1, json: JSON.stringify({ user: { name: "x".repeat(this.limits.maxAwarenessBytes + this.int(1000)) } }) }]), "close")],
      [2, () => this.editor("awareness entry count past the end", frame((e) => { encoding.writeVarUint(e, MessageType.Awareness); encoding.writeVarUint8Array(e, frame((u) => encoding.writeVarUint(u, 1_000 + this.int(2 ** 30)))); }), "close")],
      [3, () => this.editor("awareness many client ids", awarenessFrame(Array.from({ length: 50 + this.int(300) }, () => ({ client: this.fresh(1), clock: 1, json: "{\"user\":{\"name\":\"bot\"}}" }))), "any")],
      [1, () => this.editor("frame over the size limit", new Uint8Array(this.limits.maxFrameBytes + 1 + this.int(1000)), "close")],
      [5, () => this.editor("control garbage", this.controlGarbage(), "any")],
    ];
  }

  next(): FuzzFrame {
    const total = this.categories.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [weight, make] of this.categories) {
      roll -= weight;
      if (roll < 0) return make();
    }
    const last = this.categories[this.categories.length - 1];
    if (!last) throw new Error("no fuzz categories");
    return last[1]();
  }

  // ---- helpers -----------------------------------------------------------------

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  private bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }

  private fresh(count: number): number {
    const first = this.nextClient;
    this.nextClient += count + 1;
    return first;
  }

  private editor(category: string, data: Uint8Array | string, expect: FuzzFrame["expect"]): FuzzFrame {
    return { category, data, role: "editor", expect, update: false };
  }

  /** An update whose needs are never met: refused when it exceeds the parking budget, else parked (or refused once the budget is spent). */
  private update(category: string, update: Uint8Array, expect: FuzzFrame["expect"] = update.byteLength > this.limits.maxParkedBytes ? "close" : "any"): FuzzFrame {
    return { category, data: syncFrame(this.pick([SyncStep.Step2, SyncStep.Update]), update), role: "editor", expect, update: true };
  }

  /** A valid frame with 1–4 random edits: byte set, bit flip, insert, delete, duplicate a slice, varint continuation. */
  private mutated(): FuzzFrame {
    let bytes = Array.from(this.pick(this.corpus));
    const edits = 1 + this.int(4);
    for (let i = 0; i < edits; i++) {
      const at = this.int(bytes.length + 1);
      switch (this.int(6)) {
        case 0:
          if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = this.int(256);
          break;
        case 1:
          if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)]! ^= 1 << this.int(8);
          break;
        case 2:
          bytes.splice(at, 0, ...this.bytes(1 + this.int(4)));
          break;
        case 3:
          bytes.splice(at, 1 + this.int(4));
          break;
        case 4:
          bytes = [...bytes.slice(0, at), ...bytes.slice(Math.max(0, at - 8), at), ...bytes.slice(at)];
          break;
        default:
          if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)]! |= 0x80;
      }
    }
    // Viewers' updates are dropped as they arrive: no flush needed for the verdict.
    return { category: "mutated valid frame", data: Uint8Array.from(bytes), role: "viewer", expect: "any", update: false };
  }

  private truncated(): Uint8Array {
    const valid = this.pick(this.corpus.filter((f) => f.byteLength > 1));
    return valid.slice(0, this.int(valid.byteLength));
  }

  private hugeLength(): Uint8Array {
    const length = this.pick([2 ** 31, 2 ** 32 + 7, 2 ** 40, 2 ** 53 - 1, 1_000_000]);
    return frame((e) => {
      const type = this.pick([MessageType.Sync, MessageType.Awareness, MessageType.Control]);
      encoding.writeVarUint(e, type);
      if (type === MessageType.Sync) encoding.writeVarUint(e, this.int(3));
      encoding.writeVarUint(e, length);
      encoding.writeUint8Array(e, this.bytes(this.int(64)));
    });
  }

  /** Declares far more clients, structs or characters than the bytes that follow. */
  private countAbuse(): Uint8Array {
    const update = frame((e) => {
      switch (this.int(3)) {
        case 0:
          encoding.writeVarUint(e, 2 ** 31 + this.int(1000));
          break;
        case 1:
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, this.pick([2 ** 31, 2 ** 32 - 1, 2 ** 40]));
          encoding.writeVarUint(e, this.fresh(1));
          encoding.writeVarUint(e, 0);
          break;
        default:
          // One string item whose declared length runs past the frame.
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, this.fresh(1));
          encoding.writeVarUint(e, 0);
          encoding.writeUint8(e, 4);
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, "fuzz");
          encoding.writeVarUint(e, 2 ** 30);
      }
      encoding.writeUint8Array(e, this.bytes(this.int(16)));
    });
    return syncFrame(SyncStep.Update, update);
  }

  private unknownDeletes(): Uint8Array {
    const writer = this.writer();
    switch (this.int(3)) {
      case 0:
        return unknownDeletes(this.fresh(15_000), 1 + this.int(this.int(5) === 0 ? 15_000 : 300), this.int(1000), this.pick([1, 2 ** 30, 2 ** 53 - 2 ** 40]));
      case 1:
        // Starts inside what the writer wrote and runs past it: would delete the writer's future edits.
        return buildUpdate([], [{ client: writer.client, clock: this.int(writer.clock + 1), length: writer.clock + 2 ** 20 + this.int(2 ** 30) }]);
      default:
        return buildUpdate([], [{ client: writer.client, clock: writer.clock + 2 ** 20 + this.int(1000), length: 1 + this.int(2 ** 40) }]);
    }
  }

  /** Items at clocks nobody wrote: mostly a few (parked), one in five up to 8,000 (about 200 kB, refused). */
  private futureStructs(): Uint8Array {
    const count = 1 + this.int(this.int(5) === 0 ? 8_000 : 200);
    return futureStructs(this.fresh(count), count, this.pick([1, 2 ** 20, 2 ** 40, 2 ** 53 - 1]));
  }

  private unknownReference(): Uint8Array {
    const writer = this.writer();
    const unknown: StructId = this.int(2)
      ? { client: writer.client, clock: writer.clock + 2 ** 20 + this.int(1000) }
      : { client: this.fresh(1), clock: this.int(1000) };
    const item = this.pick([
      { kind: "item", origin: unknown, content: { kind: "string", text: "o" } },
      { kind: "item", rightOrigin: unknown, content: { kind: "string", text: "r" } },
      { kind: "item", parent: unknown, parentSub: "k", content: { kind: "any", values: [1, "two", null] } },
    ] as const);
    return buildUpdate([{ client: this.fresh(1), clock: 0, structs: [item] }]);
  }

  private zeroLength(): Uint8Array {
    const client = this.fresh(1);
    switch (this.int(4)) {
      case 0:
        return buildUpdate([{ client, clock: 0, structs: [{ kind: "gc", length: 0 }] }]);
      case 1:
        return buildUpdate([{ client, clock: 0, structs: [{ kind: "item", parent: "elements", parentSub: "z", content: { kind: "deleted", length: 0 } }] }]);
      case 2:
        return buildUpdate([{ client, clock: 0, structs: [{ kind: "item", parent: "notes", content: { kind: "any", values: [] } }] }]);
      default:
        return buildUpdate([], [{ client: this.writer().client, clock: 0, length: 0 }]);
    }
  }

  private nestedJson(depth: number): string {
    return this.int(2) ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}`;
  }

  private controlGarbage(): Uint8Array {
    const payload = this.pick([
      () => "not json",
      () => JSON.stringify({ id: this.int(100), command: { type: this.pick(["vote.cast", "timer.set", "board.delete", "__proto__"]), noteId: "x".repeat(this.int(3000)), minutes: -1 } }),
      () => JSON.stringify({ id: -1, command: null }),
      () => "{\"__proto__\":{\"polluted\":true},\"id\":1,\"command\":{\"type\":\"timer.start\"}}",
      () => this.nestedJson(1 + this.int(50_000)),
      () => "x".repeat(this.int(100_000)),
    ])();
    return frame((e) => {
      encoding.writeVarUint(e, MessageType.Control);
      encoding.writeVarString(e, payload);
    });
  }
}
