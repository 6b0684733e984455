import * as Y from "yjs";
import { encodeSyncUpdate } from "../src/sync/codec";
import { seededRandom, type WriterState } from "./frame-fuzzer";
import { buildUpdate } from "./hostile-updates";

/**
 * The well-behaved writer of the fuzz test: edits its Y.Doc (the reference the
 * server's copy must equal) as a person, or an odd but valid client, would, and
 * sends each resulting update as one frame. Deterministic for a seed.
 */
export class FuzzWriter {
  readonly doc = new Y.Doc();
  sent = 0;
  private readonly random: () => number;
  private freshClient = 2 ** 50;
  private giantClient = 2 ** 53 - 1;

  constructor(seed: number, send: (frame: Uint8Array) => void) {
    this.random = seededRandom(seed ^ 0x5eed);
    this.doc.clientID = 1 + Math.floor(this.random() * 2 ** 31);
    this.doc.on("update", (update: Uint8Array) => {
      send(encodeSyncUpdate(update));
      this.sent++;
    });
  }

  state(): WriterState {
    return { client: this.doc.clientID, clock: Y.getState(this.doc.store, this.doc.clientID) };
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** One edit, as a person (or an odd but valid client) would make it. */
  step(): void {
    const elements = this.doc.getMap("elements");
    const notes = this.doc.getText("notes");
    const roll = this.int(100);
    if (roll < 45) {
      elements.set(`note-${this.int(40)}`, { text: `idea ${this.int(1e6)} </script><img onerror=x> =1+1 | pipe |`, x: this.int(2000), y: this.int(2000) });
    } else if (roll < 55) {
      elements.delete(`note-${this.int(40)}`);
    } else if (roll < 75) {
      if (notes.length > 0 && (notes.length > 2000 || this.int(3) === 0)) {
        const at = this.int(notes.length);
        notes.delete(at, Math.min(1 + this.int(20), notes.length - at));
      } else notes.insert(this.int(notes.length + 1), `text ${this.int(1000)} 🙂 `);
    } else if (roll < 85) {
      const log = this.doc.getArray("log");
      if (log.length > 100) log.delete(0, 10);
      log.push([this.int(1000), "entry", { nested: [1, 2, { deep: true }] }]);
    } else if (roll < 88) {
      // Deeply nested (valid) maps in one transaction.
      this.doc.transact(() => {
        let map = this.doc.getMap("nest");
        for (let depth = 0; depth < 20 + this.int(80); depth++) {
          const child = new Y.Map<unknown>();
          map.set("child", child);
          map = child;
        }
        map.set("leaf", this.int(1000));
      });
    } else {
      // Run-length extremes that depend on nothing: valid, applied by everyone alike.
      const client = this.freshClient++;
      const odd = [
        buildUpdate([{ client, clock: 0, structs: [{ kind: "gc", length: 2 ** 40 + this.int(1000) }] }]),
        buildUpdate([{ client, clock: 0, structs: [{ kind: "item", parent: "elements", parentSub: `gone-${client}`, content: { kind: "deleted", length: 2 ** 40 } }] }]),
        buildUpdate([{ client: this.giantClient--, clock: 0, structs: [{ kind: "item", parent: "notes", content: { kind: "string", text: "giant client " } }] }]),
      ][this.int(3)];
      if (odd) Y.applyUpdate(this.doc, odd);
    }
  }
}
