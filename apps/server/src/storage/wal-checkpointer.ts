import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Beside this module: src/storage/ under tsx and vitest, dist/ in the compiled build (build.mjs copies it there). */
const WORKER_URL = new URL("./wal-checkpoint-worker.mjs", import.meta.url);

/**
 * How often the thread checkpoints: every this many commits, about the 1,000 WAL pages at which
 * SQLite would checkpoint on its own (an edit writes two or three). On a timer instead, a pass
 * every 100 ms cost ~10 µs more CPU per commit than SQLite's own rhythm (commit-bench), each pass
 * being two fsyncs whatever it copies.
 */
const DEFAULT_COMMITS_PER_CHECKPOINT = 400;

export interface WalCheckpointerOptions {
  /** The database file whose WAL the thread checkpoints. */
  file: string;
  commitsPerCheckpoint?: number;
  /** The thread is up: the owner may stop checkpointing on its own event loop. */
  onStarted(): void;
  /** The thread failed or could not start: the owner must checkpoint on its own again. */
  onError(error: Error): void;
}

/**
 * Runs SQLite's WAL checkpoints on a worker thread (issue 17). A checkpoint copies the WAL into
 * the main file and fsyncs both: on the event loop that was a 10-15 ms stall every ~1,000 pages,
 * several times a second on a busy server, and every update arriving meanwhile waited for it.
 * The thread's PASSIVE checkpoints never hold the writer's lock, so commits never wait for them.
 *
 * Durability is unchanged: a commit is in the WAL before it returns, checkpointed or not.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private state: "idle" | "running" | "failed" | "stopped" = "idle";
  private commitsSinceCheckpoint = 0;
  /** WAL frames the thread found in the main file after its passes, summed (tests read it). */
  framesCheckpointed = 0;

  constructor(private readonly options: WalCheckpointerOptions) {}

  /**
   * Counts a commit; every few hundred, asks the thread for a checkpoint. The first one starts the
   * thread: a server that never writes has nothing to checkpoint, and a thread costs ~10 MB of RSS.
   */
  committed(): void {
    if (this.state === "idle") this.start();
    if (this.state !== "running") return;
    if (++this.commitsSinceCheckpoint < (this.options.commitsPerCheckpoint ?? DEFAULT_COMMITS_PER_CHECKPOINT)) return;
    this.commitsSinceCheckpoint = 0;
    this.worker?.postMessage("checkpoint");
  }

  private start(): void {
    this.state = "running";
    const worker = new Worker(WORKER_URL, {
      workerData: {
        file: this.options.file,
        // The worker resolves nothing itself: the same better-sqlite3 as ours, from wherever we run.
        betterSqlite3: createRequire(import.meta.url).resolve("better-sqlite3"),
      },
    });
    // Never what keeps the process alive: close() stops it, and an exit without close() is a crash anyway.
    worker.unref();
    this.worker = worker;
    this.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    worker.on("message", (message: { type: string; checkpointed?: number; message?: string }) => {
      if (message.type === "ready") this.options.onStarted();
      else if (message.type === "pass") this.framesCheckpointed += message.checkpointed ?? 0;
      else if (message.type === "failed") this.fail(new Error(`WAL checkpoint thread: ${message.message ?? "unknown error"}`));
    });
    worker.on("error", (error: unknown) => this.fail(error instanceof Error ? error : new Error(`WAL checkpoint thread: ${String(error)}`)));
  }

  private fail(error: Error): void {
    if (this.state !== "running") return;
    this.state = "failed";
    this.options.onError(error);
  }

  async stop(): Promise<void> {
    const wasRunning = this.state === "running";
    this.state = "stopped";
    // Waiting for the thread must keep the process alive (it is unref'd), or a caller with nothing
    // else pending would exit with close() unsettled.
    this.worker?.ref();
    if (wasRunning) this.worker?.postMessage("stop");
    await this.exited;
    this.worker = null;
  }
}
