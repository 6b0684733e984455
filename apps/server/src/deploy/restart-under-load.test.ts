import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "../storage/sqlite";
import { createBoard } from "../../test-support/create-board";
import { spawnServerProcess, type ServerProcess } from "../../test-support/spawn-server";
import { stockClient, type StockClient } from "../../test-support/stock-client";
import { waitFor } from "../../test-support/wait-for";

/**
 * Issue #8, restart under load: stock clients edit continuously while the
 * server process is SIGKILLed and restarted on the same port and DATA_DIR.
 * SS3 promises that an edit anyone has seen is durable, so after every kill
 * the SQLite file (read while no server runs) must hold every edit that any
 * client had received from the server. Checking only at the end would prove
 * little: clients re-send their own edits when they reconnect.
 */

const CLIENTS = 4;
const KILLS = 4;
const PATIENT_MS = 20_000;

interface Editor {
  name: string;
  client: StockClient;
  /** Edits this client made (keys `name-0` … `name-(made-1)`). */
  made: number;
  /** Keys of other clients' edits this client received from the server. */
  seen: Set<string>;
}

function editor(name: string, client: StockClient): Editor {
  const state: Editor = { name, client, made: 0, seen: new Set() };
  // Remote transactions only: what reached this client through the server.
  client.doc.getMap<number>("elements").observe((event) => {
    if (event.transaction.local) return;
    for (const key of event.keysChanged) state.seen.add(key);
  });
  return state;
}

/** The board as stored in DATA_DIR's SQLite file (opened and closed here). */
async function storedState(dataDir: string, boardId: string): Promise<{ elements: Set<string>; counters: Record<string, unknown> }> {
  const storage = SqliteStorage.open(dataDir);
  try {
    const stored = await storage.loadDocument(boardId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const result = { elements: new Set(doc.getMap("elements").keys()), counters: doc.getMap("counters").toJSON() };
    doc.destroy();
    return result;
  } finally {
    await storage.close();
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

describe("restart under load", () => {
  const processes: ServerProcess[] = [];
  const clients: StockClient[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await Promise.all(processes.splice(0).map((server) => server.kill9()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(`every edit any client saw survives ${KILLS} SIGKILLs under continuous editing, and all clients converge (SS3)`, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "quadrant-restart-"));
    dirs.push(dataDir);
    let server = await spawnServerProcess({ dataDir });
    processes.push(server);
    const port = new URL(server.url).port;
    const board = await createBoard(server.url);

    const editors = Array.from({ length: CLIENTS }, (_, i) => {
      const client = stockClient(server.wsUrl, board.id, board.tokens.editor);
      clients.push(client);
      return editor(`c${i}`, client);
    });
    await Promise.all(editors.map(({ client }) => client.synced()));

    // Each client: a new key of its own and its own counter, every 3–12 ms, whether connected or not.
    let editing = true;
    const loops = editors.map(async (e) => {
      const elements = e.client.doc.getMap<number>("elements");
      const counters = e.client.doc.getMap<number>("counters");
      while (editing) {
        e.client.doc.transact(() => {
          elements.set(`${e.name}-${e.made}`, e.made);
          counters.set(e.name, e.made);
        });
        e.made++;
        await new Promise((resolve) => setTimeout(resolve, 3 + Math.random() * 9));
      }
    });

    const seenTotal = () => editors.reduce((sum, e) => sum + e.seen.size, 0);
    const checkedAtKill: string[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      // Let the clients (re)connect, resync and see a good number of each other's edits first.
      const before = seenTotal();
      await waitFor(() => editors.every(({ client }) => client.provider.synced) && seenTotal() >= before + 200, {
        timeoutMs: PATIENT_MS,
        message: `clients synced and editing before kill ${kill}`,
      });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      const seenBeforeKill = new Set(editors.flatMap((e) => [...e.seen]));
      const madeBeforeKill = editors.reduce((sum, e) => sum + e.made, 0);
      await server.kill9();
      // Read the file while no server runs: nothing can be re-sent into it.
      const stored = await storedState(dataDir, board.id);
      const lost = [...seenBeforeKill].filter((key) => !stored.elements.has(key));
      expect(lost, `kill ${kill}: edits seen by a client but not stored\n${server.output()}`).toEqual([]);
      checkedAtKill.push(`${seenBeforeKill.size} of ${madeBeforeKill}`);
      server = await spawnServerProcess({ dataDir, env: { PORT: port } });
      processes.push(server);
    }

    editing = false;
    await Promise.all(loops);
    const made = editors.flatMap((e) => Array.from({ length: e.made }, (_, n) => `${e.name}-${n}`));
    const finalCounters = Object.fromEntries(editors.map((e) => [e.name, e.made - 1]));
    await waitFor(
      () =>
        editors.every(({ client }) => {
          const elements = client.doc.getMap("elements");
          const counters = client.doc.getMap("counters").toJSON();
          return elements.size === made.length && made.every((key) => elements.has(key)) && editors.every((e) => counters[e.name] === e.made - 1);
        }),
      { timeoutMs: PATIENT_MS, message: "every client has every edit" },
    );
    // Key order of a Y.Map follows arrival order, which differs per client: compare sorted.
    const states = editors.map(({ client }) => canonical({ elements: client.doc.getMap("elements").toJSON(), counters: client.doc.getMap("counters").toJSON() }));
    expect(new Set(states).size).toBe(1);
    const seenEver = new Set(editors.flatMap((e) => [...e.seen]));

    for (const client of clients.splice(0)) client.destroy();
    expect(await server.stop(), server.output()).toBe(0);
    const stored = await storedState(dataDir, board.id);
    expect(made.filter((key) => !stored.elements.has(key))).toEqual([]);
    expect([...seenEver].filter((key) => !stored.elements.has(key))).toEqual([]);
    expect(stored.elements.size).toBe(made.length);
    expect(stored.counters).toEqual(finalCounters);
    console.log(
      `restart under load: ${KILLS} kills, ${made.length} edits made, ${seenEver.size} seen by another client ` +
        `(seen of made, checked in storage right after each kill: ${checkedAtKill.join(", ")}), ${stored.elements.size} stored`,
    );
  }, 90_000);
});
