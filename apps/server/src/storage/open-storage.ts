import type { Config } from "../config";
import { MemoryStorage } from "./memory";
import { SqliteStorage } from "./sqlite";
import type { Storage } from "./storage";

/** The configured backend. SQLite (embedded, in DATA_DIR) unless told otherwise. */
export async function openStorage(config: Config, logger?: { warn(details: object, message: string): void }): Promise<Storage> {
  switch (config.storage) {
    case "sqlite":
      return SqliteStorage.open(config.dataDir, {
        onCheckpointError: (error) => logger?.warn({ err: error }, "the WAL checkpoint thread stopped; checkpoints run on the event loop again (slower under load, nothing is lost)"),
      });
    case "postgres": {
      if (!config.databaseUrl) throw new Error("DATABASE_URL is required for STORAGE=postgres");
      // Loaded only when configured: pg costs an idle SQLite server ~15 MB of RSS (issue 17).
      const { PostgresStorage } = await import("./postgres");
      // An idle pooled connection that dies (database restart, network cut) is replaced by
      // the pool on the next query; say so in the log instead of staying silent.
      return PostgresStorage.open(config.databaseUrl, {
        onError: (error) => logger?.warn({ err: error }, "postgres connection lost; the pool reconnects on the next query"),
      });
    }
    case "memory":
      return new MemoryStorage();
    default: {
      const exhaustive: never = config.storage;
      throw new Error(`unknown storage ${String(exhaustive)}`);
    }
  }
}
