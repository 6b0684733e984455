import type { FanoutMetrics } from "../sync/fanout/redis-fanout";

/** Seconds; the buckets of `quadrant_storage_write_seconds`. */
const WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

/** The Prometheus text format's content type (version 0.0.4, as prom-client serves it). */
const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** The process metrics' registry (prom-client), created at the first scrape. */
interface ProcessMetrics {
  metrics(): Promise<string>;
}

/**
 * Every metric the server exports, counted per app instance (no module-level state:
 * two apps in one test process keep separate counts). Sync code calls the small
 * methods below. Our own metrics are plain numbers written in the Prometheus text
 * format at scrape time; prom-client is imported only at the first scrape, for the
 * process metrics (issue 17: an idle server that is never scraped does not hold it,
 * and counting a message is an addition, not a label lookup).
 */
export class ServerMetrics implements FanoutMetrics {
  private sources: { openConnections: () => number; loadedBoards: () => number } = {
    openConnections: () => 0,
    loadedBoards: () => 0,
  };
  private messagesIn = 0;
  private messagesOut = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  private readonly rejected = new Map<string, number>();
  private publishFailures = 0;
  /** Cumulative counts per bucket of WRITE_BUCKETS (the last one is +Inf), their sum and count. */
  private readonly writeBuckets = new Array<number>(WRITE_BUCKETS.length + 1).fill(0);
  private writeSum = 0;
  private writeCount = 0;
  private readonly defaultMetrics: boolean;
  private processMetrics: Promise<ProcessMetrics> | null = null;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    this.defaultMetrics = options.defaultMetrics ?? true;
  }

  /** Where the gauges read their values at scrape time (wired once the registry exists). */
  watch(sources: { openConnections: () => number; loadedBoards: () => number }): void {
    this.sources = sources;
  }

  messageIn(bytes: number): void {
    this.messagesIn++;
    this.bytesIn += bytes;
  }

  messageOut(bytes: number): void {
    this.messagesOut++;
    this.bytesOut += bytes;
  }

  /** `reason` must come from a fixed set (a close reason the server chose), never from client data. */
  rejectedFrame(reason: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  publishFailed(): void {
    this.publishFailures++;
  }

  observeStorageWrite(seconds: number): void {
    const bucket = WRITE_BUCKETS.findIndex((le) => seconds <= le);
    this.writeBuckets[bucket === -1 ? WRITE_BUCKETS.length : bucket]!++;
    this.writeSum += seconds;
    this.writeCount++;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const body = this.renderOwn();
    if (!this.defaultMetrics) return { contentType: CONTENT_TYPE, body };
    // Process metrics start at the first scrape: their event-loop monitor and GC
    // observer live as long as the process, so apps that are never scraped (every
    // test, most idle servers) neither load prom-client nor start them.
    this.processMetrics ??= import("prom-client").then(({ Registry, collectDefaultMetrics }) => {
      const register = new Registry();
      collectDefaultMetrics({ register });
      return register;
    });
    return { contentType: CONTENT_TYPE, body: body + (await (await this.processMetrics).metrics()) };
  }

  private renderOwn(): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [labels: string, value: number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
    };
    metric("quadrant_open_connections", "gauge", "Websocket connections currently open on this instance.", [
      ["", this.sources.openConnections()],
    ]);
    metric("quadrant_loaded_boards", "gauge", "Board documents currently loaded in memory on this instance.", [
      ["", this.sources.loadedBoards()],
    ]);
    // Both directions exist from the start, so dashboards see 0 rather than nothing.
    metric("quadrant_ws_messages_total", "counter", "Websocket messages received (in) and sent (out).", [
      ['{direction="in"}', this.messagesIn],
      ['{direction="out"}', this.messagesOut],
    ]);
    metric("quadrant_ws_bytes_total", "counter", "Websocket payload bytes received (in) and sent (out).", [
      ['{direction="in"}', this.bytesIn],
      ['{direction="out"}', this.bytesOut],
    ]);
    metric(
      "quadrant_rejected_frames_total",
      "counter",
      "Incoming frames refused, by reason; each closes its connection.",
      [...this.rejected].map(([reason, count]) => [`{reason="${escapeLabel(reason)}"}`, count]),
    );
    metric(
      "quadrant_redis_publish_failures_total",
      "counter",
      "Fan-out messages that could not be published to Redis (healed later by the state-vector resync).",
      [["", this.publishFailures]],
    );
    let cumulative = 0;
    const buckets: [string, number][] = WRITE_BUCKETS.map((le, i) => {
      cumulative += this.writeBuckets[i]!;
      return [`_bucket{le="${le}"}`, cumulative];
    });
    buckets.push(['_bucket{le="+Inf"}', this.writeCount], ["_sum", this.writeSum], ["_count", this.writeCount]);
    metric("quadrant_storage_write_seconds", "histogram", "Latency of durable storage writes (one batch of updates per write).", buckets);
    return `${lines.join("\n")}\n`;
  }
}

/** The text format's label value escapes (backslash, double quote, newline). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
