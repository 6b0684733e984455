import { readFileSync } from "node:fs";
import { runBoards } from "./boards";
import { runBuild, runJoin } from "./bigboard";
import { runRoom } from "./room";
import { LoadTask, type LoadEvent } from "./task";

/**
 * The load process: runs one task given as JSON in argv[2] and prints JSON
 * lines (phases, then one result) so the orchestrator can sample the server's
 * CPU at the phase boundaries. Runs apart from the servers so its own CPU
 * use is visible and reported.
 */
function emit(e: LoadEvent): void {
  process.stdout.write(`${JSON.stringify(e)}\n`);
}

async function run(task: LoadTask): Promise<Record<string, unknown>> {
  switch (task.kind) {
    case "room":
      return runRoom(task, emit);
    case "boards":
      return runBoards(task, emit);
    case "build":
      return runBuild(task);
    case "join":
      return runJoin(task);
  }
}

// The task arrives in a file: a thousand board URLs would overflow one argv string.
const task = LoadTask.parse(JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")));
run(task).then(
  (result) => {
    emit({ type: "result", result });
    process.exit(0);
  },
  (err: unknown) => {
    emit({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
