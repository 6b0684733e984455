import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { z } from "zod";
import { Role } from "@quadrant/protocol";
import type { Fanout, FanoutHandler, FanoutMessage } from "./fanout";
import type { SyncLogger } from "../logger";

/**
 * Fan-out over Redis pub/sub: one channel per document, binary frames.
 *
 * Pub/sub is at-most-once (a message published while a subscriber is
 * disconnected is gone), so delivery alone cannot keep instances equal. Every
 * instance therefore publishes each loaded document's state vector when it
 * subscribes, every `resyncIntervalMs`, and whenever its connection to Redis
 * comes back; a room that receives a state vector answers with the diff the
 * sender lacks (Room.handleFanout). Any lost update is healed within one
 * interval. An instance ignores its own frames (instance id in the header), and
 * received messages are handed to the room, never re-published, so nothing loops.
 */

export interface FanoutMetrics {
  publishFailed(): void;
}

export interface RedisFanoutOptions {
  url: string;
  /** The local state vector of a loaded document, or null when it is not loaded here. */
  stateVector: (docId: string) => Uint8Array | null;
  logger: SyncLogger;
  metrics?: FanoutMetrics;
  /** Channel names are `${channelPrefix}${docId}`; tests use a random prefix. */
  channelPrefix?: string;
  resyncIntervalMs?: number;
  /** Test hook: return true to drop a received message, as a lossy network would. */
  dropIncoming?: (message: FanoutMessage) => boolean;
}

const FRAME_VERSION = 1;
const INSTANCE_ID_BYTES = 16;
const HEADER_BYTES = 2 + INSTANCE_ID_BYTES;
const RevokedRoles = z.array(Role).min(1);
const KIND_CODES = { update: 1, awareness: 2, "state-vector": 3, "control-changed": 4, "roles-revoked": 5 } as const;

export class RedisFanout implements Fanout {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, FanoutHandler>();
  private readonly instanceId = randomBytes(INSTANCE_ID_BYTES);
  private readonly prefix: string;
  private readonly resyncTimer: NodeJS.Timeout;
  private closed = false;
  /** True until the first "ready" too, so the first connection also resyncs. */
  private wasDown = true;
  /** Retries fail every few seconds while Redis is away: warn once per outage, then debug. */
  private errorReported = false;
  /**
   * Hex instance id. The Redis client names are `quadrant-pub-<pid>-<id>` and
   * `quadrant-sub-<pid>-<id>`, so `CLIENT LIST` tells operators (and tests) whose connection is whose.
   */
  readonly instance: string;

  constructor(private readonly options: RedisFanoutOptions) {
    this.prefix = options.channelPrefix ?? "quadrant:doc:";
    this.instance = this.instanceId.toString("hex");
    const common = {
      // Reconnect for ever, backing off to 5 s with jitter so a fleet does not reconnect in step.
      retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000) + Math.floor(Math.random() * 250),
      maxRetriesPerRequest: null,
    };
    // No offline queue for publishing: a frame held back for minutes would be
    // stale, and the state-vector exchange after reconnecting replaces it.
    this.pub = new Redis(options.url, { ...common, enableOfflineQueue: false, connectionName: `quadrant-pub-${process.pid}-${this.instance}` });
    this.sub = new Redis(options.url, { ...common, connectionName: `quadrant-sub-${process.pid}-${this.instance}` });
    for (const [name, client] of [["pub", this.pub], ["sub", this.sub]] as const) {
      client.on("error", (error: Error) => {
        const level = this.errorReported ? "debug" : "warn";
        this.errorReported = true;
        this.options.logger[level]({ redis: name, err: error.message }, "redis connection error");
      });
      client.on("close", () => {
        if (!this.closed && !this.wasDown) {
          this.wasDown = true;
          this.options.logger.warn({ redis: name }, "redis connection lost; serving local clients only");
        }
      });
      client.on("ready", () => this.onReady());
    }
    this.sub.on("messageBuffer", (channel: Buffer, frame: Buffer) => this.receive(channel, frame));
    this.resyncTimer = setInterval(() => this.publishAllStateVectors(), options.resyncIntervalMs ?? 5_000);
    this.resyncTimer.unref();
  }

  healthy(): boolean {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }

  publish(message: FanoutMessage): void {
    if (this.closed) return;
    if (this.pub.status !== "ready") {
      this.options.metrics?.publishFailed();
      return;
    }
    this.pub.publish(this.channel(message.docId), this.encode(message)).catch((error: unknown) => {
      this.options.metrics?.publishFailed();
      this.options.logger.warn({ boardId: message.docId, err: String(error) }, "redis publish failed");
    });
  }

  subscribe(docId: string, handler: FanoutHandler): void {
    this.handlers.set(docId, handler);
    this.sub
      .subscribe(this.channel(docId))
      // Only once subscribed can we hear the answers to our state vector.
      .then(() => this.publishStateVector(docId))
      .catch((error: unknown) => {
        // Resubscribed automatically on reconnect; the resync then catches up.
        this.options.logger.warn({ boardId: docId, err: String(error) }, "redis subscribe failed");
      });
  }

  unsubscribe(docId: string): void {
    if (!this.handlers.delete(docId)) return;
    this.sub.unsubscribe(this.channel(docId)).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.resyncTimer);
    this.handlers.clear();
    await Promise.all([quit(this.pub), quit(this.sub)]);
  }

  private onReady(): void {
    if (!this.healthy() || !this.wasDown) return;
    this.wasDown = false;
    this.errorReported = false;
    this.options.logger.info({ documents: this.handlers.size }, "redis connection back; resyncing");
    // ioredis resubscribes before "ready"; the short delay lets the SUBSCRIBEs
    // land before the answers to our state vectors come back.
    setTimeout(() => this.publishAllStateVectors(), 100).unref();
  }

  private publishAllStateVectors(): void {
    if (!this.healthy()) return;
    for (const docId of this.handlers.keys()) this.publishStateVector(docId);
  }

  private publishStateVector(docId: string): void {
    const stateVector = this.options.stateVector(docId);
    if (stateVector) this.publish({ kind: "state-vector", docId, stateVector });
  }

  private receive(channelBytes: Buffer, frame: Buffer): void {
    const channel = channelBytes.toString("utf8");
    if (!channel.startsWith(this.prefix)) return;
    const docId = channel.slice(this.prefix.length);
    const handler = this.handlers.get(docId);
    if (!handler) return;
    const message = this.decode(docId, frame);
    if (message === null) return;
    if (this.options.dropIncoming?.(message)) return;
    try {
      handler(message);
    } catch (error) {
      this.options.logger.error({ boardId: docId, err: String(error) }, "fan-out handler failed");
    }
  }

  private channel(docId: string): string {
    return `${this.prefix}${docId}`;
  }

  private encode(message: FanoutMessage): Buffer {
    const payload = payloadOf(message);
    const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
    frame[0] = FRAME_VERSION;
    frame[1] = KIND_CODES[message.kind];
    this.instanceId.copy(frame, 2);
    frame.set(payload, HEADER_BYTES);
    return frame;
  }

  /** Null for our own frames and for frames this version does not understand. */
  private decode(docId: string, frame: Buffer): FanoutMessage | null {
    if (frame.byteLength < HEADER_BYTES || frame[0] !== FRAME_VERSION) {
      this.options.logger.warn({ boardId: docId, bytes: frame.byteLength }, "unreadable fan-out frame ignored");
      return null;
    }
    if (this.instanceId.equals(frame.subarray(2, HEADER_BYTES))) return null;
    // A copy: the room may keep the bytes, and Buffers from ioredis can share a pool.
    const payload = new Uint8Array(frame.subarray(HEADER_BYTES));
    switch (frame[1]) {
      case KIND_CODES.update:
        return { kind: "update", docId, update: payload };
      case KIND_CODES.awareness:
        return { kind: "awareness", docId, update: payload };
      case KIND_CODES["state-vector"]:
        return { kind: "state-vector", docId, stateVector: payload };
      case KIND_CODES["control-changed"]:
        return { kind: "control-changed", docId };
      case KIND_CODES["roles-revoked"]: {
        const roles = RevokedRoles.safeParse(new TextDecoder().decode(payload).split(","));
        if (roles.success) return { kind: "roles-revoked", docId, roles: roles.data };
        this.options.logger.warn({ boardId: docId }, "unreadable roles-revoked fan-out frame ignored");
        return null;
      }
      default:
        this.options.logger.warn({ boardId: docId, kind: frame[1] }, "unknown fan-out frame kind ignored");
        return null;
    }
  }
}

function payloadOf(message: FanoutMessage): Uint8Array {
  switch (message.kind) {
    case "update":
    case "awareness":
      return message.update;
    case "state-vector":
      return message.stateVector;
    case "control-changed":
      return new Uint8Array(0);
    case "roles-revoked":
      return new TextEncoder().encode(message.roles.join(","));
    default: {
      const exhaustive: never = message;
      return exhaustive;
    }
  }
}

async function quit(client: Redis): Promise<void> {
  // QUIT would wait in the offline queue for a server that may never come back.
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
