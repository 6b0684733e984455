import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { FanoutMetrics } from "../sync/fanout/redis-fanout";

/**
 * Every metric the server exports, on a registry owned by one app instance
 * (no prom-client default registry, no module-level state: two apps in one test
 * process keep separate counts). Sync code calls the small methods below and
 * never sees prom-client.
 */
export class ServerMetrics implements FanoutMetrics {
  readonly registry = new Registry();
  private sources: { openConnections: () => number; loadedBoards: () => number } = {
    openConnections: () => 0,
    loadedBoards: () => 0,
  };

  /**
   * Websocket traffic, counted in plain fields and added to the counters at scrape time:
   * `messageOut` runs once per frame per recipient (10,000 times a second in a room of 50),
   * where a labelled `Counter.inc` (label validation and hashing) cost about 0.8 µs per
   * send, a tenth of the send itself (issue 17).
   */
  private readonly traffic = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
  private readonly rejected: Counter<"reason">;
  private readonly publishFailures: Counter;
  private readonly writeSeconds: Histogram;
  private readonly defaultMetrics: boolean;
  private defaultMetricsStarted = false;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const sources = (): typeof this.sources => this.sources;
    new Gauge({
      name: "quadrant_open_connections",
      help: "Websocket connections currently open on this instance.",
      registers,
      collect() {
        this.set(sources().openConnections());
      },
    });
    new Gauge({
      name: "quadrant_loaded_boards",
      help: "Board documents currently loaded in memory on this instance.",
      registers,
      collect() {
        this.set(sources().loadedBoards());
      },
    });
    const traffic = this.traffic;
    new Counter({
      name: "quadrant_ws_messages_total",
      help: "Websocket messages received (in) and sent (out).",
      labelNames: ["direction"],
      registers,
      collect() {
        this.inc({ direction: "in" }, traffic.messagesIn);
        this.inc({ direction: "out" }, traffic.messagesOut);
        traffic.messagesIn = 0;
        traffic.messagesOut = 0;
      },
    });
    new Counter({
      name: "quadrant_ws_bytes_total",
      help: "Websocket payload bytes received (in) and sent (out).",
      labelNames: ["direction"],
      registers,
      collect() {
        this.inc({ direction: "in" }, traffic.bytesIn);
        this.inc({ direction: "out" }, traffic.bytesOut);
        traffic.bytesIn = 0;
        traffic.bytesOut = 0;
      },
    });
    this.rejected = new Counter({
      name: "quadrant_rejected_frames_total",
      help: "Incoming frames refused, by reason; each closes its connection.",
      labelNames: ["reason"],
      registers,
    });
    this.publishFailures = new Counter({
      name: "quadrant_redis_publish_failures_total",
      help: "Fan-out messages that could not be published to Redis (healed later by the state-vector resync).",
      registers,
    });
    this.writeSeconds = new Histogram({
      name: "quadrant_storage_write_seconds",
      help: "Latency of durable storage writes (one batch of updates per write).",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    // Both directions are added at every scrape (0 at first), so dashboards see 0 rather than nothing.
    this.defaultMetrics = options.defaultMetrics ?? true;
  }

  /** Where the gauges read their values at scrape time (wired once the registry exists). */
  watch(sources: { openConnections: () => number; loadedBoards: () => number }): void {
    this.sources = sources;
  }

  messageIn(bytes: number): void {
    this.traffic.messagesIn++;
    this.traffic.bytesIn += bytes;
  }

  messageOut(bytes: number): void {
    this.traffic.messagesOut++;
    this.traffic.bytesOut += bytes;
  }

  /** `reason` must come from a fixed set (a close reason the server chose), never from client data. */
  rejectedFrame(reason: string): void {
    this.rejected.inc({ reason });
  }

  publishFailed(): void {
    this.publishFailures.inc();
  }

  observeStorageWrite(seconds: number): void {
    this.writeSeconds.observe(seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    // Process metrics start at the first scrape: their event-loop monitor and GC
    // observer live as long as the process, so apps that are never scraped
    // (every test) should not start them.
    if (this.defaultMetrics && !this.defaultMetricsStarted) {
      this.defaultMetricsStarted = true;
      collectDefaultMetrics({ register: this.registry });
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
