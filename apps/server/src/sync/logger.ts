/** The slice of pino's logger the sync layer uses, so it can be faked in tests. */
export interface SyncLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: SyncLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
