import { setFlagsFromString } from "node:v8";
import type { Config } from "./config";

/**
 * V8 grows the young generation (up to 2 × 16 MiB) when many objects survive its
 * scavenges, and loading the server's modules is exactly that: every object made
 * during start-up lives on. An idle server then kept ~16 MiB of mostly empty young
 * generation (issue 17: idle RSS 97 MiB against the reference server's 57). So the
 * young generation may not grow while we start (growth factor 1), and grows as usual
 * (V8's default factor, 2) from the moment we listen: a server under load sizes it
 * to its load as before. The factor is read at each growth, so setting it late is
 * safe; the app is imported only after it is set (static imports would run first).
 */
const YOUNG_GENERATION_GROWTH_AT_START = 1;
const YOUNG_GENERATION_GROWTH_DEFAULT = 2;

/** The process: the only file that reads the environment (via loadConfig), listens and handles signals. */
async function main(): Promise<void> {
  setFlagsFromString(`--semi-space-growth-factor=${YOUNG_GENERATION_GROWTH_AT_START}`);
  const [{ buildApp }, { ConfigError, loadConfig }] = await Promise.all([import("./app"), import("./config")]);
  let config: Config;
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
  setFlagsFromString(`--semi-space-growth-factor=${YOUNG_GENERATION_GROWTH_DEFAULT}`);
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
