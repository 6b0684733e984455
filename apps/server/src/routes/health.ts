import type { FastifyPluginAsync } from "fastify";
import type { Storage } from "../storage/storage";
import type { Fanout } from "../sync/fanout/fanout";
import type { RoomRegistry } from "../sync/room-registry";

export interface HealthRoutesOptions {
  storage: Storage;
  registry: RoomRegistry;
  fanout: Fanout;
}

const PING_TIMEOUT_MS = 2_000;

async function pingWithTimeout(storage: Storage): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      storage.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("storage ping timed out")), PING_TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is alive. /readyz: storage reachable, writes succeeding, fan-out connected. */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { storage, registry, fanout }) => {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    const checks = {
      storage: await pingWithTimeout(storage),
      writes: registry.writesHealthy ? "ok" : `failing: ${registry.writeError ?? "unknown error"}`,
      fanout: fanout.healthy() ? "ok" : "unreachable",
    };
    const ready = Object.values(checks).every((value) => value === "ok");
    return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks });
  });
};
