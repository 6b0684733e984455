import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LoadEvent, type LoadTask } from "./load/task";
import { cpuSecondsOf, memoryOf } from "./proc-stats";
import type { RunningServer } from "./servers";

const here = path.dirname(fileURLToPath(import.meta.url));

/** What one load run measured, from both sides. */
export interface LoadRun {
  result: Record<string, unknown>;
  /** Server CPU seconds between the load's measure-start and measure-end. */
  serverCpuMeasureS: number | null;
  /** Server RSS (MiB) right before the load started and once all clients were synced. */
  rssBeforeMiB: number;
  rssSyncedMiB: number | null;
  wallS: number;
}

/**
 * Runs one task in a separate load process (its own pid, its own CPU), and
 * samples the server's /proc counters when the load announces its phases.
 */
export async function runLoad(task: LoadTask, server: RunningServer, workDir: string, timeoutMs: number): Promise<LoadRun> {
  const taskFile = path.join(workDir, `task-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(taskFile, JSON.stringify(task));
  const rssBeforeMiB = memoryOf(server.pid).rssMiB;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "load/main.ts"), taskFile], {
    cwd: path.resolve(here, ".."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let cpuStart: number | null = null;
  let serverCpuMeasureS: number | null = null;
  let rssSyncedMiB: number | null = null;
  let result: Record<string, unknown> | null = null;
  let error: string | null = null;
  const killer = setTimeout(() => {
    error = `load process timed out after ${timeoutMs} ms`;
    child.kill("SIGKILL");
  }, timeoutMs);
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    let event: LoadEvent;
    try {
      event = LoadEvent.parse(JSON.parse(line));
    } catch {
      process.stderr.write(`load: ${line}\n`);
      return;
    }
    switch (event.type) {
      case "phase":
        if (event.phase === "synced") rssSyncedMiB = memoryOf(server.pid).rssMiB;
        else if (event.phase === "measure-start") cpuStart = cpuSecondsOf(server.pid);
        else if (cpuStart !== null) serverCpuMeasureS = cpuSecondsOf(server.pid) - cpuStart;
        break;
      case "result":
        result = event.result;
        break;
      case "error":
        error = event.message;
        break;
    }
  });
  await new Promise<void>((resolve) => child.once("exit", () => resolve()));
  clearTimeout(killer);
  if (result === null) throw new Error(`load ${task.kind} failed: ${error ?? "no result"}`);
  return { result, serverCpuMeasureS, rssBeforeMiB, rssSyncedMiB, wallS: (performance.now() - started) / 1000 };
}
