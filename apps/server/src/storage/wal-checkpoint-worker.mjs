// The WAL checkpointer's thread (wal-checkpointer.ts starts it). Plain JavaScript so the same
// file runs under tsx, vitest and the compiled build (build.mjs copies it beside dist/server.js).
//
// Its own connection runs a PASSIVE checkpoint whenever the owner asks (every few hundred
// commits): it copies committed WAL frames into the main file and fsyncs it without ever
// taking the writer's lock, so the server's commits never wait for it. Every pass reports
// what it did, so the owner can count it.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";

const require = createRequire(import.meta.url);
const Database = require(workerData.betterSqlite3);

/** better-sqlite3's errors lose their message on the way to the parent thread: send it as text. */
function fail(error) {
  parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
} catch (error) {
  fail(error);
}

function pass() {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    // log: frames in the WAL; checkpointed: how many of them are now in the main file.
    if (result && result.log > 0) parentPort.postMessage({ type: "pass", log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    fail(error);
  }
}

parentPort.on("message", (message) => {
  if (message === "checkpoint") pass();
  else if (message === "stop") {
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: "ready" });
