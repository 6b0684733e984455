import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { loadConfig } from "../config";
import { SQLITE_FILE_NAME } from "../storage/sqlite";

/**
 * `pnpm --filter @quadrant/server backup --out FILE`: a consistent copy of the whole SQLite
 * database while the server runs. better-sqlite3's `db.backup` is SQLite's online backup API:
 * it copies page by page and restarts when another connection writes, so the copy is one
 * committed state (the server's WAL commits included), never a torn file as `cp` could give.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  if (!values.out) throw new Error("usage: backup --out FILE");
  const config = loadConfig(process.env);
  if (config.storage !== "sqlite") {
    throw new Error(`STORAGE is ${config.storage}: this command copies the SQLite database only; back up Postgres with pg_dump (docs/deployment.md)`);
  }
  const source = path.join(config.dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) throw new Error(`no database at ${source} (is DATA_DIR right?)`);
  const out = path.resolve(values.out);
  if (existsSync(out)) throw new Error(`${out} exists; choose a new file`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(out, {
      progress: ({ totalPages, remainingPages }) => {
        console.log(`copied ${totalPages - remainingPages} of ${totalPages} pages`);
        return 100;
      },
    });
    console.log(`backup written to ${out} (${result.totalPages} pages) from ${source}`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
