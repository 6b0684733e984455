import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { TERMINAL_CLOSE_CODES } from "@quadrant/protocol";
import { backoffDelay } from "./backoff";
import { realScheduler, type Scheduler } from "./elementBinding";
import { applyServerUpdatesAsReceived } from "./serverUpdates";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

export interface BoardConnectionOptions {
  doc: Y.Doc;
  /** e.g. `ws://localhost:8080/ws`; y-websocket appends `/<boardId>?token=…`. */
  wsUrl: string;
  boardId: string;
  token: string;
  /** More query parameters (facilitation's `control=1&participant=…`). */
  extraParams?: Record<string, string>;
  random?: () => number;
  scheduler?: Scheduler;
  /** Network reachability (navigator.onLine in the browser). */
  isOnline?: () => boolean;
  /** Called before each retry: the page re-checks the link over REST to tell "revoked" from "down". */
  onRetry?: (attempt: number) => void;
  /** The server closed with a code after which retrying cannot help. */
  onTerminal?: (code: number) => void;
  /** Node tests pass `ws` here (browsers have a global WebSocket). */
  WebSocketPolyfill?: typeof WebSocket;
}

/**
 * The stock WebsocketProvider with our own reconnect loop: its built-in retry
 * has no jitter, so on every close we switch it off (`shouldConnect = false`
 * makes its scheduled retry a no-op) and call `connect()` ourselves after a
 * full-jitter backoff.
 */
export class BoardConnection {
  readonly provider: WebsocketProvider;
  private statusValue: ConnectionStatus = "connecting";
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();
  private attempt = 0;
  private cancelRetry: (() => void) | null = null;
  private destroyed = false;
  private readonly random: () => number;
  private readonly scheduler: Scheduler;
  private readonly isOnline: () => boolean;

  constructor(private readonly options: BoardConnectionOptions) {
    this.random = options.random ?? Math.random;
    this.scheduler = options.scheduler ?? realScheduler;
    this.isOnline = options.isOnline ?? (() => true);
    this.provider = new WebsocketProvider(options.wsUrl, options.boardId, options.doc, {
      params: { ...options.extraParams, token: options.token },
      // Same-browser tabs must go through the server too: a viewer tab would
      // otherwise push its (refused) edits to an editor tab over BroadcastChannel.
      disableBc: true,
      connect: false,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    // The server's updates reach the document's listeners as they arrived, not encoded again.
    applyServerUpdatesAsReceived(this.provider);
    this.provider.on("status", ({ status }) => {
      if (status === "connected") this.setStatus("connected");
    });
    // Backoff resets only once a connection has synced: a server that accepts
    // and then closes at once must still be backed off.
    this.provider.on("sync", (synced) => {
      if (synced) this.attempt = 0;
    });
    this.provider.on("connection-close", (event) => {
      if (this.destroyed) return;
      if (event && TERMINAL_CLOSE_CODES.has(event.code)) {
        this.provider.shouldConnect = false;
        this.options.onTerminal?.(event.code);
        return;
      }
      this.scheduleReconnect();
    });
    if (this.isOnline()) this.provider.connect();
    else this.setStatus("offline");
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  subscribe(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The browser lost the network: drop the socket now rather than wait for a timeout. */
  goOffline(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.provider.disconnect();
    this.setStatus("offline");
  }

  /** The network is back: reconnect at once (no backoff: nobody else is stampeding). */
  goOnline(): void {
    if (this.destroyed || this.provider.wsconnected) return;
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.setStatus("reconnecting");
    this.provider.connect();
  }

  destroy(): void {
    this.destroyed = true;
    this.cancelRetry?.();
    this.provider.destroy();
    this.listeners.clear();
  }

  private scheduleReconnect(): void {
    // Disarm the provider's own un-jittered retry (see the class comment).
    this.provider.shouldConnect = false;
    if (!this.isOnline()) {
      this.setStatus("offline");
      return;
    }
    this.setStatus("reconnecting");
    if (this.cancelRetry) return;
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt++;
    this.cancelRetry = this.scheduler.setTimeout(() => {
      this.cancelRetry = null;
      if (this.destroyed) return;
      this.options.onRetry?.(this.attempt);
      this.provider.connect();
    }, delay);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const listener of this.listeners) listener(status);
  }
}
