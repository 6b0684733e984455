import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WalCheckpointer } from "./wal-checkpointer";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("WalCheckpointer", () => {
  it("reports a thread that cannot open the database, so its owner checkpoints again", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "quadrant-wal-"));
    dirs.push(dir);
    let started = false;
    const failed = new Promise<Error>((resolve) => {
      const checkpointer = new WalCheckpointer({
        file: path.join(dir, "missing.sqlite"),
        onStarted: () => (started = true),
        onError: (error) => resolve(error),
      });
      checkpointer.committed();
    });
    expect((await failed).message).toMatch(/^WAL checkpoint thread: .*(unable to open database file|does not exist)/i);
    expect(started).toBe(false);
  });

  it("does not start a thread until the first write, and stops without one", async () => {
    const checkpointer = new WalCheckpointer({ file: "/nonexistent", onStarted: () => {}, onError: () => {} });
    await checkpointer.stop();
    // stop() before any write resolves at once and later writes start nothing.
    checkpointer.committed();
    expect(checkpointer.framesCheckpointed).toBe(0);
  });
});
