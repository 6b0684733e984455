import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../storage/memory";
import { describeStorageContract } from "../../test-support/storage-contract";
import { instrumentStorage } from "./instrumented-storage";
import { ServerMetrics } from "./metrics";
import { metricsRoute } from "./metrics-route";

describeStorageContract("instrumented memory", async () =>
  instrumentStorage(new MemoryStorage(), new ServerMetrics({ defaultMetrics: false })),
);

describe("ServerMetrics", () => {
  it("serves every metric over GET /metrics, counted per app instance", async () => {
    const metrics = new ServerMetrics();
    const other = new ServerMetrics();
    metrics.watch({ openConnections: () => 3, loadedBoards: () => 2 });
    metrics.messageIn(100);
    metrics.messageIn(20);
    metrics.messageOut(7);
    metrics.rejectedFrame("malformed message");
    metrics.publishFailed();
    const storage = instrumentStorage(new MemoryStorage(), metrics);
    await storage.appendUpdates([{ docId: "d", update: Uint8Array.of(1) }]);
    other.messageIn(5);
    other.observeStorageWrite(0.003);

    const app = Fastify();
    await app.register(metricsRoute, { metrics });
    try {
      const response = await app.inject({ method: "GET", url: "/metrics" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("text/plain");
      const body = response.body;
      expect(body).toContain("quadrant_open_connections 3");
      expect(body).toContain("quadrant_loaded_boards 2");
      expect(body).toContain('quadrant_ws_messages_total{direction="in"} 2');
      expect(body).toContain('quadrant_ws_messages_total{direction="out"} 1');
      expect(body).toContain('quadrant_ws_bytes_total{direction="in"} 120');
      expect(body).toContain('quadrant_rejected_frames_total{reason="malformed message"} 1');
      expect(body).toContain("quadrant_redis_publish_failures_total 1");
      expect(body).toContain("quadrant_storage_write_seconds_count 1");
      expect(body).toContain("process_cpu_user_seconds_total");
    } finally {
      await app.close();
    }
    const otherBody = (await other.render()).body;
    expect(otherBody).toContain('quadrant_ws_messages_total{direction="in"} 1');
    expect(otherBody).toContain('quadrant_ws_messages_total{direction="out"} 0');
    // Buckets are cumulative: 3 ms is above 2.5 ms and within 5 ms and every larger bound.
    expect(otherBody).toContain('quadrant_storage_write_seconds_bucket{le="0.0025"} 0');
    expect(otherBody).toContain('quadrant_storage_write_seconds_bucket{le="0.005"} 1');
    expect(otherBody).toContain('quadrant_storage_write_seconds_bucket{le="2.5"} 1');
    expect(otherBody).toContain('quadrant_storage_write_seconds_bucket{le="+Inf"} 1');
    expect(otherBody).toContain("quadrant_storage_write_seconds_count 1");
  });
});
