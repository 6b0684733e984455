import { buildApp } from "./app";
import { ConfigError, loadConfig } from "./config";

/** The process: the only file that reads the environment (via loadConfig), listens and handles signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`quadrant: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await buildApp(config);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ address, storage: config.storage, dataDir: config.dataDir }, `listening on ${address}`);
  // A plain line for scripts and the test launcher, whatever the log level.
  process.stdout.write(`quadrant listening on ${address}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    // Fastify's close: stop accepting, preClose (sockets 1012, flush rooms), onClose (storage).
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`quadrant: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
