import * as Y from "yjs";
import type { FrameHandler, Sender } from "./connection";
import { nowMs } from "./clock";
import { decodeFrame, encodeSyncStep2 } from "./wire";

/** Per-writer clocks a probe has seen; clock i is the writer's (i+1)-th update. */
export class SeenClocks {
  private readonly seen = new Map<number, Set<number>>();

  add(client: number, clock: number, length: number): void {
    let set = this.seen.get(client);
    if (!set) {
      set = new Set();
      this.seen.set(client, set);
    }
    for (let c = clock; c < clock + length; c++) set.add(c);
  }

  count(client: number, below: number): number {
    const set = this.seen.get(client);
    if (!set) return 0;
    let n = 0;
    for (const c of set) if (c < below) n++;
    return n;
  }
}

/**
 * A client that applies every update to a real Y.Doc and measures latency from
 * the send timestamps carried inside the updates and awareness states.
 * Superseded values may reach it as GC'd structs (a server that merges or
 * re-encodes drops their content): those count as arrived but give no latency.
 */
export class Probe implements FrameHandler {
  readonly doc = new Y.Doc();
  readonly seen = new SeenClocks();
  readonly updateLatency: number[] = [];
  readonly cursorLatency: number[] = [];
  recording = false;

  constructor(
    clientId: number,
    private readonly writerIds: ReadonlySet<number>,
  ) {
    this.doc.clientID = clientId;
  }

  onFrame(data: Uint8Array, ws: Sender): boolean {
    const at = nowMs();
    const frame = decodeFrame(data);
    switch (frame.kind) {
      case "sync-step1":
        ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
        return false;
      case "sync-step2":
        this.apply(frame.update, at);
        return true;
      case "sync-update":
        this.apply(frame.update, at);
        return false;
      case "awareness":
        if (this.recording) {
          for (const e of frame.entries) {
            const t = stampOf(e.state);
            if (t !== null) this.cursorLatency.push(at - t);
          }
        }
        return false;
      case "other":
        return false;
    }
  }

  private apply(update: Uint8Array, at: number): void {
    const { structs } = Y.decodeUpdate(update);
    for (const s of structs) {
      if (!this.writerIds.has(s.id.client)) continue;
      if (s instanceof Y.Item || s instanceof Y.GC) this.seen.add(s.id.client, s.id.clock, s.length);
      if (this.recording && s instanceof Y.Item && s.content instanceof Y.ContentAny) {
        const value: unknown = s.content.arr[0];
        if (typeof value === "object" && value !== null && "t" in value && typeof value.t === "number") {
          this.updateLatency.push(at - value.t);
        }
      }
    }
    Y.applyUpdate(this.doc, update);
  }
}

/** The send timestamp of a cursor state, if it carries one. Cheap pre-check before JSON.parse. */
export function stampOf(state: string): number | null {
  if (!state.includes('"t":')) return null;
  const parsed: unknown = JSON.parse(state);
  if (typeof parsed === "object" && parsed !== null && "t" in parsed && typeof parsed.t === "number") {
    return parsed.t;
  }
  return null;
}
