import WebSocket from "ws";
import { hocuspocusDialect, LIGHT_STEP1 } from "./wire";

/** The one thing a frame handler may do with its socket. */
export interface Sender {
  send(data: Uint8Array): void;
}

/** What a connection does with each frame; returns true once the frame completed its initial sync. */
export interface FrameHandler {
  onFrame(data: Uint8Array, ws: Sender): boolean;
}

export interface Connection {
  ws: WebSocket;
  /** Sends one y-protocol message in the server's dialect (Hocuspocus prefixes the document name). */
  sender: Sender;
  /** ms from `new WebSocket` to the frame that completed the sync. */
  syncMs: number;
}

/** Totals across every connection of the load process. */
export interface Traffic {
  messages: number;
  bytes: number;
  closedEarly: number;
  /** Sockets we closed ourselves at the end of a run; their close is not "early". */
  finished: WeakSet<WebSocket>;
}

export function newTraffic(): Traffic {
  return { messages: 0, bytes: 0, closedEarly: 0, finished: new WeakSet() };
}

/**
 * Opens one stock-protocol connection: sends sync step 1 on open and resolves
 * once the handler reports the sync complete. Rejects on error, close or timeout.
 */
export function connect(
  url: string,
  handler: FrameHandler,
  traffic: Traffic,
  timeoutMs: number,
  firstFrame: Uint8Array = LIGHT_STEP1,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const dialect = hocuspocusDialect(url);
    const ws = new WebSocket(dialect?.socketUrl ?? url, { perMessageDeflate: false });
    const sender: Sender = dialect ? { send: (data) => ws.send(dialect.wrap(data)) } : ws;
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      ws.terminate();
      reject(new Error(`sync timeout after ${timeoutMs} ms`));
    }, timeoutMs);
    ws.on("open", () => {
      // Hocuspocus answers nothing of a document before its auth message (token unused without onAuthenticate).
      if (dialect) ws.send(dialect.auth);
      sender.send(firstFrame);
    });
    ws.on("message", (data: Buffer) => {
      traffic.messages++;
      traffic.bytes += data.length;
      const syncedNow = handler.onFrame(dialect ? dialect.unwrap(data) : data, sender);
      if (syncedNow && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ ws, sender, syncMs: performance.now() - started });
      }
    });
    ws.on("error", (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(err);
    });
    ws.on("close", (code) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`closed during sync (${code})`));
      } else if (!traffic.finished.has(ws)) {
        traffic.closedEarly++;
      }
    });
  });
}

/** Closes a connection without counting it as dropped by the server. */
export function finish(ws: WebSocket, traffic: Traffic): void {
  traffic.finished.add(ws);
  ws.terminate();
}

/** Runs `jobs` with at most `limit` in flight; returns settled results in order. */
export async function pool<T>(
  jobs: ReadonlyArray<() => Promise<T>>,
  limit: number,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      if (!job) continue;
      try {
        results[i] = { status: "fulfilled", value: await job() };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
