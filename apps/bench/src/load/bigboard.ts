import * as Y from "yjs";
import { median, summarize } from "../stats";
import { sleep } from "./clock";
import { connect, finish, newTraffic, type FrameHandler, type Sender } from "./connection";
import type { BuildTask, JoinTask } from "./task";
import { decodeFrame, encodeSyncStep2, encodeUpdate } from "./wire";

/** The board model's root for Excalidraw elements (`ROOT.elements` in @quadrant/board-model). */
export const ELEMENTS_ROOT = "elements";

/** A plausible Excalidraw rectangle, as the web client stores it (plain JSON, by copy). */
export function element(i: number, version: number): Record<string, unknown> {
  return {
    id: `el-${i}`,
    type: "rectangle",
    x: (i % 100) * 40 + version,
    y: Math.floor(i / 100) * 40 + version,
    width: 160,
    height: 90,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "#ffec99",
    fillStyle: "solid",
    strokeWidth: 1,
    roughness: 1,
    opacity: 100,
    seed: 1000 + i,
    version,
    versionNonce: version * 7919 + i,
    index: `a${i.toString(36)}`,
    isDeleted: false,
    groupIds: [],
    boundElements: null,
    locked: false,
  };
}

/** A client with a real doc that joins, applies the server's state and reports when it has. */
class Joiner implements FrameHandler {
  readonly doc = new Y.Doc();
  /**
   * ms this client spent in Y.applyUpdate on the sync step 2 that completed the join. Every server
   * sends a fresh joiner the whole board, so this part of a join is the client's, whoever serves it.
   */
  applyMs = 0;
  /** The state that completed the join (replayed to warm the client up, `warmUpClient`). */
  state: Uint8Array | null = null;
  private synced = false;
  onFrame(data: Uint8Array, ws: Sender): boolean {
    const frame = decodeFrame(data);
    switch (frame.kind) {
      case "sync-step1":
        ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
        return false;
      case "sync-step2": {
        const started = performance.now();
        Y.applyUpdate(this.doc, frame.update);
        // Only the step 2 that completes the join: ours follows the full state with a 2-byte one (SS1).
        if (!this.synced) {
          this.applyMs = performance.now() - started;
          this.state = frame.update;
        }
        this.synced = true;
        return true;
      }
      case "sync-update":
        Y.applyUpdate(this.doc, frame.update);
        return false;
      case "awareness":
      case "other":
        return false;
    }
  }
}

async function joinOnce(
  url: string,
  timeoutMs: number,
): Promise<{ ms: number; applyMs: number; elements: number; state: Uint8Array | null }> {
  const traffic = newTraffic();
  const j = new Joiner();
  const conn = await connect(url, j, traffic, timeoutMs);
  const elements = j.doc.getMap(ELEMENTS_ROOT).size;
  finish(conn.ws, traffic);
  return { ms: conn.syncMs, applyMs: j.applyMs, elements, state: j.state };
}

/**
 * Applies a board's state to fresh docs a few times, in the load process alone. Each join series
 * runs in a new process, whose first applies of a 1.5 MB state ran 2–4× slower than later ones
 * (V8 still compiling Yjs' decoder, the heap still growing): with one warm-up join, the first
 * recorded joins measured the client's start-up, not the server.
 */
function warmUpClient(state: Uint8Array): void {
  for (let i = 0; i < CLIENT_WARM_UP_APPLIES; i++) Y.applyUpdate(new Y.Doc(), state);
}
const CLIENT_WARM_UP_APPLIES = 5;

/** Builds the big board: `elements` creations, then moves until `updates` updates were sent, one per frame. */
export async function runBuild(task: BuildTask): Promise<Record<string, unknown>> {
  const traffic = newTraffic();
  const doc = new Y.Doc();
  const map = doc.getMap(ELEMENTS_ROOT);
  const pending: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => pending.push(u));
  const builder: FrameHandler = {
    onFrame(data, ws) {
      const frame = decodeFrame(data);
      if (frame.kind === "sync-step1") ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, frame.stateVector)));
      return frame.kind === "sync-step2";
    },
  };
  const conn = await connect(task.url, builder, traffic, 30_000);
  const t0 = performance.now();
  for (let u = 0; u < task.updates; u++) {
    const i = u % task.elements;
    map.set(`el-${i}`, element(i, Math.floor(u / task.elements) + 1));
    for (const p of pending.splice(0)) conn.sender.send(encodeUpdate(p));
    // Let the socket drain now and then so the sender does not buffer the whole log.
    if (u % 500 === 499) await new Promise((r) => setImmediate(r));
  }
  const sentMs = performance.now() - t0;
  // Wait until a fresh joiner sees every element, i.e. the server applied the whole log.
  let seen = 0;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    seen = (await joinOnce(task.url, 60_000)).elements;
    if (seen >= task.elements) break;
    await sleep(500);
  }
  finish(conn.ws, traffic);
  return {
    updates: task.updates,
    elements: seen,
    sentMs,
    builtMs: performance.now() - t0,
    encodedStateBytes: Y.encodeStateAsUpdate(doc).length,
  };
}

/**
 * Joins one after another and reports, per URL (one server's board each), each recorded join's time
 * to a fully applied sync step 2, split in two: until the state was in the client (the server's part,
 * and the transfer) and the client's own apply of it. The orchestrator interleaves the servers' joins
 * in one series, so every server's state is applied by the same process in the same minutes.
 */
export async function runJoin(task: JoinTask): Promise<Record<string, unknown>> {
  const series = new Map<string, { times: number[]; applyTimes: number[]; wrong: number[] }>();
  for (const join of task.joins) {
    const r = await joinOnce(join.url, task.timeoutS * 1000);
    if (!join.record && r.state) warmUpClient(r.state);
    if (join.record) {
      let s = series.get(join.url);
      if (!s) series.set(join.url, (s = { times: [], applyTimes: [], wrong: [] }));
      s.times.push(r.ms);
      s.applyTimes.push(r.applyMs);
      if (r.elements < task.expectElements) s.wrong.push(r.elements);
    }
    if (task.gapMs > 0) await sleep(task.gapMs);
  }
  return { byUrl: Object.fromEntries([...series].map(([url, s]) => [url, joinFigures(s.times, s.applyTimes, s.wrong)])) };
}

function joinFigures(times: number[], applyTimes: number[], wrong: number[]): Record<string, unknown> {
  const arrivalTimes = times.map((ms, i) => ms - (applyTimes[i] ?? 0));
  return {
    joins: times.length,
    medianMs: median(times),
    arrivalMedianMs: median(arrivalTimes),
    applyMedianMs: median(applyTimes),
    joinMs: summarize(times),
    times,
    applyTimes,
    incomplete: wrong,
  };
}
