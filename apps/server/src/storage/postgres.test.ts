import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresAvailable, TEST_DATABASE_URL } from "../../test-support/external-services";
import { PostgresStorage } from "./postgres";
import { describeStorageContract, newBoard, storedBytes } from "../../test-support/storage-contract";

// Throws in CI when Postgres is missing; elsewhere warns loudly and skips.
const available = await postgresAvailable();
const schema = `quadrant_test_${randomBytes(6).toString("hex")}`;

async function dropSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

describe.runIf(available)("PostgresStorage", () => {
  // Here rather than as the contract's cleanup: the tests below use the schema too.
  afterAll(dropSchema);
  describeStorageContract("postgres", () => PostgresStorage.open(TEST_DATABASE_URL, { schema }));

  it("migrates once when several instances start together", async () => {
    const own = `${schema}_m`;
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => PostgresStorage.open(TEST_DATABASE_URL, { schema: own })),
    );
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version FROM ${own}.schema_version`);
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await client.query(`DROP SCHEMA ${own} CASCADE`);
      await client.end();
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });

  it("serialises control-state updates across instances: no vote is lost, whoever takes it", async () => {
    const a = await PostgresStorage.open(TEST_DATABASE_URL, { schema });
    const b = await PostgresStorage.open(TEST_DATABASE_URL, { schema, maxConnections: 3 });
    try {
      const boardId = newBoard().id;
      const cast = (instance: PostgresStorage, ballot: string) =>
        instance.updateControlState(boardId, async (current) => {
          const ballots = (current as { ballots?: string[] } | null)?.ballots ?? [];
          // The change awaits other work (facilitation writes the document here).
          await new Promise((resolve) => setTimeout(resolve, 2));
          return { next: { ballots: [...ballots, ballot] }, result: ballots.length };
        });
      const ballots = Array.from({ length: 30 }, (_, i) => `ballot-${i}`);
      await Promise.all(ballots.map((ballot, i) => cast(i % 2 === 0 ? a : b, ballot)));
      const stored = (await a.getControlState(boardId)) as { ballots: string[] };
      expect([...stored.ballots].sort()).toEqual([...ballots].sort());
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("loses no update when two instances append and compact the same document", async () => {
    const a = await PostgresStorage.open(TEST_DATABASE_URL, { schema });
    const b = await PostgresStorage.open(TEST_DATABASE_URL, { schema });
    try {
      const board = newBoard();
      await a.createBoard(board);
      const docId = `${board.id}/stress`;
      const writes: Promise<void>[] = [];
      const written: number[] = [];
      for (let i = 0; i < 200; i++) {
        const writer = i % 2 === 0 ? a : b;
        written.push(i);
        writes.push(writer.appendUpdates([{ docId, update: Uint8Array.of(i % 256, i >> 8) }]));
        if (i % 25 === 0) {
          // Compact "everything seen so far" into a snapshot that lists the seen
          // entries, as a server would with its in-memory document.
          writes.push(
            (async () => {
              const compactor = i % 50 === 0 ? a : b;
              const seen = await compactor.loadDocument(docId);
              const entries = decodeAll(seen);
              await compactor.compact(docId, encodeList(entries), seen.lastSeq);
            })(),
          );
        }
      }
      await Promise.all(writes);
      const entries = decodeAll(await b.loadDocument(docId));
      expect([...new Set(entries)].sort((x, y) => x - y)).toEqual(written);
      await a.deleteBoard(board.id);
      expect(await storedBytes(a, docId)).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(
      PostgresStorage.open(TEST_DATABASE_URL, { schema: `x; DROP TABLE boards` }),
    ).rejects.toThrow(/schema name/);
  });
});

/** Test encoding: an update is two bytes (entry number); a snapshot is a list of them. */
function encodeList(entries: number[]): Uint8Array {
  return Uint8Array.from(entries.flatMap((n) => [n % 256, n >> 8]));
}

function decodeAll(doc: { snapshot: Uint8Array | null; updates: Uint8Array[] }): number[] {
  const entries: number[] = [];
  for (const chunk of [doc.snapshot ?? new Uint8Array(), ...doc.updates]) {
    for (let i = 0; i + 1 < chunk.length; i += 2) entries.push((chunk[i] ?? 0) + ((chunk[i + 1] ?? 0) << 8));
  }
  return entries;
}
