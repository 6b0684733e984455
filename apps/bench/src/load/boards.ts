import { summarize } from "../stats";
import { nowMs, sleep } from "./clock";
import { connect, finish, newTraffic, pool, type Connection, type FrameHandler } from "./connection";
import { LightClient } from "./light-client";
import { Probe } from "./probe";
import { cpuSeconds, missingAtProbes, PROBE_ID_BASE, WRITER_ID_BASE } from "./room";
import type { BoardsTask, LoadEvent } from "./task";
import { Ticker } from "./ticker";
import { Writer } from "./writer";

/** Many small boards: per board one writer, one probe, the rest light clients. */
export async function runBoards(task: BoardsTask, emit: (e: LoadEvent) => void): Promise<Record<string, unknown>> {
  const traffic = newTraffic();
  const writers: Writer[] = [];
  const probes: Probe[] = [];
  const jobs: Array<{ url: string; handler: FrameHandler; conn: Connection | null }> = [];
  task.urls.forEach((url, b) => {
    const w = new Writer(WRITER_ID_BASE + b, "note");
    const p = new Probe(PROBE_ID_BASE + b, new Set([w.clientId]));
    writers.push(w);
    probes.push(p);
    jobs.push({ url, handler: w, conn: null }, { url, handler: p, conn: null });
    for (let i = 2; i < task.clientsPerBoard; i++) jobs.push({ url, handler: new LightClient(), conn: null });
  });

  const cpuAll = process.cpuUsage();
  const t0 = performance.now();
  const settled = await pool(
    jobs.map((j) => async () => {
      j.conn = await connect(j.url, j.handler, traffic, task.connectTimeoutS * 1000);
      return j.conn.syncMs;
    }),
    task.connectConcurrency,
  );
  const connectAllMs = performance.now() - t0;
  const syncTimes = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = settled.length - syncTimes.length;
  emit({ type: "phase", phase: "synced" });
  await sleep(500);

  const ticker = new Ticker(writers.length, task.updatesPerSecond, (i) => writers[i]?.write(nowMs()));
  await sleep(task.warmupS * 1000);
  emit({ type: "phase", phase: "measure-start" });
  const cpuMeasure = process.cpuUsage();
  const receivedBefore = { messages: traffic.messages, bytes: traffic.bytes };
  for (const p of probes) p.recording = true;
  await sleep(task.durationS * 1000);
  ticker.stop();
  // What every client received in the window: the same edits should cost every server the same frames.
  const received = { messages: traffic.messages - receivedBefore.messages, bytes: traffic.bytes - receivedBefore.bytes };
  emit({ type: "phase", phase: "measure-end" });
  const drainStart = performance.now();
  // Each probe only sees its own board's writer, so count per pair.
  const missing = (): number =>
    writers.reduce((n, w, i) => n + missingAtProbes([w], probes[i] ? [probes[i]] : []), 0);
  while (performance.now() - drainStart < task.drainS * 1000 && missing() > 0) await sleep(100);
  const result = {
    boards: task.urls.length,
    connections: jobs.length,
    connected: syncTimes.length,
    failed,
    connectAllMs,
    syncMs: summarize(syncTimes),
    updatesSent: writers.reduce((n, w) => n + w.sent, 0),
    updatesMissingAtProbes: missing(),
    update: summarize(probes.flatMap((p) => p.updateLatency)),
    received,
    closedEarly: traffic.closedEarly,
    loadCpuMeasureS: cpuSeconds(cpuMeasure),
    loadCpuTotalS: cpuSeconds(cpuAll),
  };
  for (const j of jobs) if (j.conn) finish(j.conn.ws, traffic);
  return result;
}
