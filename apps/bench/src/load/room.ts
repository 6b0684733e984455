import { monitorEventLoopDelay } from "node:perf_hooks";
import { summarize } from "../stats";
import { sleep } from "./clock";
import { connect, finish, newTraffic, pool, type Connection, type FrameHandler } from "./connection";
import { Cursor, homeOf } from "./cursor";
import { LightClient } from "./light-client";
import { Probe } from "./probe";
import type { LoadEvent, RoomTask } from "./task";
import { Ticker } from "./ticker";
import { Writer } from "./writer";
import { nowMs } from "./clock";

export const LIGHT_ID_BASE = 1_000_000;
export const WRITER_ID_BASE = 2_000_000;
export const PROBE_ID_BASE = 3_000_000;

interface Member {
  handler: FrameHandler;
  cursor: Cursor;
  conn: Connection | null;
}

/** Counts updates sent by `writers` that no probe saw, summed over probes. */
export function missingAtProbes(writers: readonly Writer[], probes: readonly Probe[]): number {
  let missing = 0;
  for (const p of probes) {
    for (const w of writers) missing += w.sent - p.seen.count(w.clientId, w.sent);
  }
  return missing;
}

export function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

/** The room scenario: one board, N clients, a few writers, every cursor moving. */
export async function runRoom(task: RoomTask, emit: (e: LoadEvent) => void): Promise<Record<string, unknown>> {
  if (task.clients < task.writers + task.probes) throw new Error("clients must be ≥ writers + probes");
  const traffic = newTraffic();
  const writerIds = new Set(Array.from({ length: task.writers }, (_, i) => WRITER_ID_BASE + i));
  const writers: Writer[] = [];
  const probes: Probe[] = [];
  const members: Member[] = [];
  for (let i = 0; i < task.clients; i++) {
    let handler: FrameHandler;
    let id: number;
    if (i < task.writers) {
      id = WRITER_ID_BASE + i;
      const w = new Writer(id, `note-${i}`);
      writers.push(w);
      handler = w;
    } else if (i < task.writers + task.probes) {
      id = PROBE_ID_BASE + i;
      const p = new Probe(id, writerIds);
      probes.push(p);
      handler = p;
    } else {
      id = LIGHT_ID_BASE + i;
      handler = new LightClient();
    }
    members.push({ handler, cursor: new Cursor(id, `user-${i}`, homeOf(i, task.clients)), conn: null });
  }

  const cpuAll = process.cpuUsage();
  const t0 = performance.now();
  const settled = await pool(
    members.map((m) => async () => {
      m.conn = await connect(task.url, m.handler, traffic, task.connectTimeoutS * 1000);
      return m.conn.syncMs;
    }),
    task.connectConcurrency,
  );
  const connectAllMs = performance.now() - t0;
  const syncTimes: number[] = [];
  const errors = new Map<string, number>();
  for (const r of settled) {
    if (r.status === "fulfilled") syncTimes.push(r.value);
    else {
      const msg = r.reason instanceof Error ? r.reason.message : String(r.reason);
      errors.set(msg, (errors.get(msg) ?? 0) + 1);
    }
  }
  emit({ type: "phase", phase: "synced" });
  const connected = members.filter((m) => m.conn !== null);
  await sleep(500);

  const liveWriters = writers.filter((w) => members.some((m) => m.handler === w && m.conn));
  const writeTicker = new Ticker(liveWriters.length, task.updatesPerSecond, (i) => liveWriters[i]?.write(nowMs()));
  let cursorSeq = 0;
  const cursorTicker =
    task.cursorsPerSecond > 0
      ? new Ticker(connected.length, task.cursorsPerSecond, (i) => {
          const m = connected[i];
          if (m?.conn) m.cursor.send(m.conn.sender, cursorSeq++);
        })
      : null;
  await sleep(task.warmupS * 1000);

  const traffic0 = { messages: traffic.messages, bytes: traffic.bytes };
  emit({ type: "phase", phase: "measure-start" });
  const cpuMeasure = process.cpuUsage();
  // If the load process's own loop lags, latencies include that lag: report it.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  for (const p of probes) p.recording = true;
  await sleep(task.durationS * 1000);
  writeTicker.stop();
  cursorTicker?.stop();
  emit({ type: "phase", phase: "measure-end" });
  const measureTraffic = { messages: traffic.messages - traffic0.messages, bytes: traffic.bytes - traffic0.bytes };

  const drainStart = performance.now();
  while (performance.now() - drainStart < task.drainS * 1000 && missingAtProbes(writers, probes) > 0) {
    await sleep(100);
  }
  const drainMs = performance.now() - drainStart;
  for (const p of probes) p.recording = false;
  const loadCpuMeasureS = cpuSeconds(cpuMeasure);
  const updatesSent = writers.reduce((n, w) => n + w.sent, 0);
  const result = {
    clients: task.clients,
    connected: connected.length,
    connectErrors: Object.fromEntries(errors),
    connectAllMs,
    syncMs: summarize(syncTimes),
    updatesSent,
    updatesExpectedAtProbes: updatesSent * probes.length,
    updatesMissingAtProbes: missingAtProbes(writers, probes),
    cursorsSent: cursorSeq,
    update: summarize(probes.flatMap((p) => p.updateLatency)),
    cursor: summarize(probes.flatMap((p) => p.cursorLatency)),
    drainMs,
    received: measureTraffic,
    /** What one client receives per second on average in the measured window (issue 17: bounded whatever N). */
    bytesPerClientPerS: connected.length > 0 ? measureTraffic.bytes / connected.length / task.durationS : null,
    closedEarly: traffic.closedEarly,
    loadCpuMeasureS,
    loadLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    loadCpuTotalS: cpuSeconds(cpuAll),
    measureS: task.durationS,
  };
  for (const m of connected) if (m.conn) finish(m.conn.ws, traffic);
  return result;
}
