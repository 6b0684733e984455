import type { Config } from "../config";
import { MemoryStorage } from "./memory";
import { PostgresStorage } from "./postgres";
import { SqliteStorage } from "./sqlite";
import type { Storage } from "./storage";

/** The configured backend. SQLite (embedded, in DATA_DIR) unless told otherwise. */
export async function openStorage(config: Config): Promise<Storage> {
  switch (config.storage) {
    case "sqlite":
      return SqliteStorage.open(config.dataDir);
    case "postgres": {
      if (!config.databaseUrl) throw new Error("DATABASE_URL is required for STORAGE=postgres");
      return PostgresStorage.open(config.databaseUrl);
    }
    case "memory":
      return new MemoryStorage();
    default: {
      const exhaustive: never = config.storage;
      throw new Error(`unknown storage ${String(exhaustive)}`);
    }
  }
}
