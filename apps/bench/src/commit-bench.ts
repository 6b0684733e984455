import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { MIGRATIONS, SQLITE_FILE_NAME, SqliteStorage } from "@quadrant/server/storage/sqlite";
import { sleep } from "./load/clock";
import { percentile } from "./stats";

/**
 * The durable write of one edit, alone (docs/benchmarks.md, "The commit of one edit"): many small
 * boards each commit their edits as they come, one transaction each, as on a server with 1,000
 * workshops. Paced at RATE commits a second for SECONDS, it prints the process CPU per commit (every
 * thread: the checkpoint thread's work counts) and the time each commit holds the event loop,
 * for the store as it was (seq AUTOINCREMENT, checkpoints on the event loop: schema version 2)
 * and as it is, alternated in one run.
 * `pnpm --filter @quadrant/bench bench:commit [rate] [seconds] [rounds]`.
 */
const RATE = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 10);
const ROUNDS = Number(process.argv[4] ?? 2);
const BOARDS = 1000;
/** A moved sticky note's Yjs update is about this size. */
const UPDATE_BYTES = 180;
/** Rows already stored before the measured window, so the index is not trivially small. */
const PRELOAD = 20_000;

interface Store {
  append(docId: string, update: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

/** The write path before issue 17's storage change: schema version 2, SQLite checkpointing on the event loop. */
function openVersion2(dir: string): Store {
  const db = new Database(path.join(dir, SQLITE_FILE_NAME));
  db.pragma("auto_vacuum = INCREMENTAL");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  for (const sql of MIGRATIONS.slice(0, 2)) db.exec(sql);
  const insert = db.prepare("INSERT INTO updates (doc_id, data) VALUES (?, ?)");
  const commit = db.transaction((docId: string, update: Uint8Array) => insert.run(docId, update));
  return {
    append: (docId, update) => void commit(docId, update),
    close: () => void db.close(),
  };
}

function openCurrent(dir: string): Store {
  const storage = SqliteStorage.open(dir);
  return { append: (docId, update) => storage.appendUpdates([{ docId, update }]), close: () => storage.close() };
}

interface Figures {
  cpuMicrosPerCommit: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

async function measure(open: (dir: string) => Store): Promise<Figures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "quadrant-commit-bench-"));
  const store = open(dir);
  const boards = Array.from({ length: BOARDS }, () => randomUUID());
  const update = new Uint8Array(UPDATE_BYTES).map((_, i) => (i * 31) % 251);
  for (let i = 0; i < PRELOAD; i++) await store.append(boards[i % BOARDS]!, update);
  await sleep(500);

  const total = RATE * SECONDS;
  const heldMs: number[] = [];
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  // Every 10 ms, the commits due by then, each its own transaction (as each edit of a quiet board is).
  for (let done = 0; done < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; done < due; done++) {
      const t0 = performance.now();
      await store.append(boards[(done * 7919) % BOARDS]!, update);
      heldMs.push(performance.now() - t0);
    }
    await sleep(10);
  }
  const cpu = process.cpuUsage(cpuStart);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  heldMs.sort((a, b) => a - b);
  return {
    cpuMicrosPerCommit: (cpu.user + cpu.system) / total,
    p50: percentile(heldMs, 50),
    p99: percentile(heldMs, 99),
    p999: percentile(heldMs, 99.9),
    max: heldMs.at(-1) ?? 0,
  };
}

function row(name: string, f: Figures): string {
  const ms = (v: number) => v.toFixed(2);
  return `| ${name} | ${f.cpuMicrosPerCommit.toFixed(1)} | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.p999)} | ${ms(f.max)} |`;
}

async function main(): Promise<void> {
  const load = () => os.loadavg()[0]!.toFixed(2);
  console.log(`One commit per edit, ${RATE}/s for ${SECONDS} s over ${BOARDS} boards, ${UPDATE_BYTES}-byte updates, ${PRELOAD} rows stored first; ${os.cpus().length} cores, load average ${load()}`);
  console.log("| store | CPU per commit (µs, all threads) | event loop held p50 (ms) | p99 | p99.9 | max |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(row(`before (schema 2, checkpoints on the event loop), round ${round}`, await measure(openVersion2)));
    console.log(row(`now (numbered by the server, checkpoint thread), round ${round}`, await measure(openCurrent)));
  }
  console.log(`load average at the end ${load()}`);
}

await main();
