import type { FastifyPluginAsync } from "fastify";
import type { ServerMetrics } from "./metrics";

/** GET /metrics in the Prometheus text format. Operators restrict it at the proxy (docs/deployment.md). */
export const metricsRoute: FastifyPluginAsync<{ metrics: ServerMetrics }> = async (app, { metrics }) => {
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.type(contentType).send(body);
  });
};
