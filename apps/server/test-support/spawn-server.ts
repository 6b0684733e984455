import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  wsUrl: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** SIGKILL: no flush, no close handshake. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** How the process runs: TypeScript through tsx (default), or the compiled build (`node dist/server.js`, after `node build.mjs`). */
export type ServerEntry = "tsx" | "dist";

const ENTRY_ARGS: Record<ServerEntry, string[]> = {
  tsx: ["--import", "tsx", "src/server.ts"],
  dist: ["dist/server.js"],
};

/**
 * Runs `node --import tsx src/server.ts` (or the compiled build) as a child process
 * on a random port, for tests that must kill the server for real. Resolves once it listens.
 */
export async function spawnServerProcess({
  dataDir,
  env = {},
  timeoutMs = 20_000,
  entry = "tsx",
}: {
  dataDir: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  entry?: ServerEntry;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ENTRY_ARGS[entry], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      STORAGE: "sqlite",
      LOG_LEVEL: "warn",
      PUBLIC_DIR: path.join(dataDir, "no-web-build"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("could not spawn the server");
  const pid = child.pid;
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = /quadrant listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(match[1].replace("0.0.0.0", "127.0.0.1"));
      }
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    child,
    pid,
    url,
    wsUrl: url.replace(/^http/, "ws") + "/ws",
    output: () => output,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGTERM");
      return exited;
    },
  };
}
