import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "./config";
import { boardRoutes } from "./routes/boards";
import { exportRoutes } from "./routes/export";
import { facilitationRoutes } from "./routes/facilitation";
import { historyRoutes } from "./routes/history";
import { HistoryService } from "./history/history-service";
import { createKeyCheck } from "./routes/create-key";
import { installErrorHandler } from "./routes/error-handler";
import { HttpError } from "./routes/http-error";
import { securityHeaders } from "./routes/security-headers";
import { healthRoutes } from "./routes/health";
import { webAppRoutes } from "./routes/web-app";
import { instrumentStorage } from "./observability/instrumented-storage";
import { ServerMetrics } from "./observability/metrics";
import { metricsRoute } from "./observability/metrics-route";
import { wsRoute } from "./routes/ws";
import { openStorage } from "./storage/open-storage";
import type { Storage } from "./storage/storage";
import { LocalFanout, type Fanout } from "./sync/fanout/fanout";
import { RoomRegistry } from "./sync/room-registry";
import { FacilitationService } from "./facilitation/facilitation-service";
import { BoardService } from "./services/board-service";
import { ExportService } from "./services/export-service";
import { combineHooks, type RoomHooks } from "./sync/room-hooks";

export interface AppDeps {
  /** Defaults to the configured backend. The app closes it on close. */
  storage?: Storage;
  /** Defaults to RedisFanout when REDIS_URL is set, else LocalFanout. The app closes it on close. */
  fanout?: Fanout;
  /** A pino instance (Fastify's `loggerInstance`); default: pino at LOG_LEVEL. */
  logger?: FastifyServerOptions["loggerInstance"];
  /** Room extension hooks (facilitation). */
  hooks?: Partial<RoomHooks>;
  now?: () => Date;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The live rooms: for facilitation, tests and the benchmark. */
    rooms: RoomRegistry;
    storage: Storage;
  }
}

/** Removes `token=` values from a URL before it reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, "$1[redacted]");
}

/** Capability tokens travel in query strings: a request is logged without them. */
function serializeRequest(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}

/** Builds the whole product (not listening). Tests build it; server.ts runs it. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const loggerOptions: FastifyServerOptions = deps.logger
    ? // A child with the same serializers: a given logger (tests, embedding) never logs tokens either.
      { loggerInstance: deps.logger.child({}, { serializers: { req: serializeRequest }, redact: ["req.headers.authorization"] }) }
    : {
        logger: {
          level: config.logLevel,
          serializers: { req: serializeRequest },
          redact: ["req.headers.authorization"],
        },
      };
  const app = Fastify({
    ...loggerOptions,
    bodyLimit: config.limits.bodyLimitBytes,
    trustProxy: config.trustProxy,
  });
  // Per app, not global: two apps in one process (tests) keep separate counts.
  const metrics = new ServerMetrics();
  const storage = instrumentStorage(deps.storage ?? (await openStorage(config, app.log)), metrics);

  // The fan-out and facilitation reach rooms, and the registry is built with them:
  // they get functions over `registry` that run only for a loaded room (a state
  // vector to resync, a REST command), so never before `registry` is assigned below.
  const fanout: Fanout =
    deps.fanout ??
    (config.redisUrl
      ? // Loaded only when configured: ioredis costs a single-instance server ~20 MB of RSS (issue 17).
        new (await import("./sync/fanout/redis-fanout")).RedisFanout({
          url: config.redisUrl,
          logger: app.log,
          metrics,
          stateVector: (docId) => registry.get(docId)?.stateVector() ?? null,
        })
      : new LocalFanout());
  const now = deps.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  // Facilitation (#5) plugs in through the room hooks: write policy (board lock) and control frames.
  const facilitation: FacilitationService = new FacilitationService({
    storage,
    fanout,
    logger: app.log,
    now: nowMs,
    acquireRoom: (boardId) => registry.acquire(boardId),
    onStateChanged: (room, before, after) => history.onFacilitationChange(room, before, after),
  });
  // Board history (#16): snapshots at facilitation moments, on a timer, as checkpoints; restore in place.
  const history: HistoryService = new HistoryService({
    storage,
    logger: app.log,
    now: nowMs,
    settings: config.history,
    acquireRoom: (boardId) => registry.acquire(boardId),
    loadedRooms: () => registry.loadedRooms(),
    facilitationState: (boardId) => facilitation.currentState(boardId),
  });
  const registry: RoomRegistry = new RoomRegistry({
    storage,
    fanout,
    logger: app.log,
    flushIntervalMs: config.flushIntervalMs,
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    pingIntervalMs: config.pingIntervalMs,
    hooks: { ...combineHooks(facilitation.hooks(), history.hooks()), ...deps.hooks },
  });
  // The application layer: routes call these, never the registry or storage.
  const boards = new BoardService({ storage, rooms: registry, now });
  const exports = new ExportService({
    boards,
    facilitationState: (boardId) => facilitation.currentState(boardId),
    restoreFacilitation: (boardId, state) => facilitation.restore(boardId, state),
    historyLabels: (boardId) => history.labels(boardId),
    now,
  });
  metrics.watch({
    openConnections: () => app.websocketServer.clients.size,
    loadedBoards: () => registry.loadedRooms().length,
  });
  app.decorate("rooms", registry);
  app.decorate("storage", storage);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, { bodyLimitBytes: config.limits.bodyLimitBytes });
  await app.register(securityHeaders);
  // REST only: health checks, metrics, the web app's files and websocket upgrades
  // (limited by the upgrade guard) are not counted.
  await app.register(fastifyRateLimit, {
    max: config.limits.restRequestsPerMinute,
    timeWindow: 60_000,
    allowList: (request) => !request.url.startsWith("/api/") || request.url.startsWith("/api/docs"),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, "rate_limited", `too many requests from your address (at most ${context.max} a minute); retry in ${context.after}`),
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Quadrant API",
        description: "Boards for live strategy workshops. Each board has three capability tokens (facilitator, editor, viewer).",
        version: "0.1.0",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(fastifyWebsocket, {
    options: { maxPayload: config.maxFrameBytes },
    // Shutdown order (GOTCHAS): sockets closed with 1012 and rooms flushed
    // here, before the HTTP server stops and before storage closes (onClose).
    preClose: async function (this: FastifyInstance) {
      await registry.close();
      for (const client of this.websocketServer.clients) client.terminate();
    },
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const checkCreateKey = createKeyCheck(config.boardCreateKey);
  await typed.register(boardRoutes, { boards, checkCreateKey, createKeyRequired: config.boardCreateKey !== undefined });
  await typed.register(facilitationRoutes, { boards, facilitation });
  await typed.register(historyRoutes, { boards, history });
  await typed.register(exportRoutes, { boards, exports, checkCreateKey });
  await app.register(wsRoute, {
    boards,
    registry,
    maxSendQueueBytes: config.maxSendQueueBytes,
    maxFrameBytes: config.maxFrameBytes,
    limits: config.limits,
    allowedOrigins: config.allowedOrigins,
    metrics,
  });
  await app.register(healthRoutes, { storage, registry, fanout });
  await app.register(metricsRoute, { metrics });
  await app.register(webAppRoutes, { publicDir: config.publicDir });

  history.start();
  app.addHook("onClose", async () => {
    history.stop();
    // Idempotent: preClose already closed the registry when websockets were registered.
    await registry.close();
    await fanout.close();
    await storage.close();
  });
  return app;
}
