import type { Role } from "@quadrant/protocol";
import { CloseCode } from "@quadrant/protocol";
import type { ClientMessage } from "./codec";
import type { ConnectionLimits } from "./connection-limits";

/**
 * The minimal socket the sync layer needs. The websocket route adapts `ws` to
 * it; tests can fake it in memory. Incoming frames, pongs and the close event
 * are pushed in by the adapter through `Connection.receive/pong/closed`.
 */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason?: string): void;
  /** Hard close without a closing handshake (dead peers). */
  terminate(): void;
  ping(): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
  /** A frame was refused without closing (metrics); optional for fakes. */
  rejected?(reason: string): void;
  /**
   * Hold writes until `uncork`, then hand them to the kernel in one syscall (Node's
   * `net.Socket` cork). Optional: without it each frame is its own write.
   */
  cork?(): void;
  uncork?(): void;
}

export interface ConnectionIdentity {
  /** Unique per server process, for logs and for facilitation. */
  id: string;
  boardId: string;
  role: Role;
  /** Optional `participant` query parameter (a client-chosen stable id). */
  participant: string | undefined;
  /** Opted in to Quadrant control frames (query parameter `control=1`). */
  wantsControl: boolean;
}

export interface ConnectionEvents {
  onFrame(connection: Connection, frame: Uint8Array): void;
  onClose(connection: Connection): void;
}

const NO_IDS: ReadonlySet<number> = new Set();

/**
 * One client socket on one board. Frames that arrive before the room is ready
 * are buffered and replayed in order once `attach` is called.
 */
export class Connection {
  // Per-connection state is created on first use (issue 17: thousands of idle sockets).
  private ownedIds: Set<number> | null = null;
  private alive = true;
  private isClosed = false;
  private events: ConnectionEvents | null = null;
  /** Frames that arrived before the room was ready (rare: null until one does). */
  private early: Uint8Array[] | null = null;

  constructor(
    readonly identity: ConnectionIdentity,
    private readonly socket: SyncSocket,
    private readonly maxSendQueueBytes: number,
    /** Rate and size budgets; none in unit tests that do not exercise them. */
    readonly limits: ConnectionLimits | null = null,
  ) {}

  get id(): string {
    return this.identity.id;
  }
  get role(): Role {
    return this.identity.role;
  }
  get closed(): boolean {
    return this.isClosed;
  }

  /** Awareness client ids whose state this connection has set. */
  get awarenessIds(): ReadonlySet<number> {
    return this.ownedIds ?? NO_IDS;
  }
  ownAwarenessId(id: number): void {
    (this.ownedIds ??= new Set()).add(id);
  }
  releaseAwarenessId(id: number): void {
    this.ownedIds?.delete(id);
  }
  releaseAwarenessIds(): void {
    this.ownedIds = null;
  }

  attach(events: ConnectionEvents): void {
    this.events = events;
    const early = this.early ?? [];
    this.early = null;
    for (const frame of early) {
      if (this.isClosed) return;
      events.onFrame(this, frame);
    }
  }

  /** Adapter → sync: a binary frame arrived. */
  receive(frame: Uint8Array): void {
    if (this.isClosed) return;
    this.alive = true;
    if (this.events) this.events.onFrame(this, frame);
    else (this.early ??= []).push(frame);
  }

  /** Adapter → sync: a pong arrived. */
  pong(): void {
    this.alive = true;
  }

  /** Adapter → sync: the socket closed (for whatever reason). Idempotent. */
  handleSocketClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.early = null;
    this.events?.onClose(this);
  }

  /** Bytes sent but still queued in this process (0 once closed). */
  get sendQueueBytes(): number {
    return this.isClosed ? 0 : this.socket.bufferedAmount;
  }

  send(data: Uint8Array): void {
    if (this.isClosed) return;
    // A client that cannot keep up must not hold unbounded server memory.
    if (this.socket.bufferedAmount > this.maxSendQueueBytes) {
      this.close(CloseCode.SlowConsumer, "send queue full");
      return;
    }
    try {
      this.socket.send(data);
    } catch {
      this.close(CloseCode.InternalError, "send failed");
    }
  }

  /**
   * Several frames in one socket write (a big room's tick: its document update and the
   * cursors this connection sees). Each stays its own websocket frame carrying one
   * y-protocol message (stock clients decode only the first of a frame, SS1); corking only
   * saves the kernel a write and the network a packet per extra frame.
   */
  sendFrames(frames: readonly Uint8Array[]): void {
    if (frames.length === 1) {
      this.send(frames[0]!);
      return;
    }
    if (this.isClosed || frames.length === 0) return;
    if (this.socket.bufferedAmount > this.maxSendQueueBytes) {
      this.close(CloseCode.SlowConsumer, "send queue full");
      return;
    }
    let failed = false;
    this.socket.cork?.();
    try {
      for (const frame of frames) this.socket.send(frame);
    } catch {
      failed = true;
    } finally {
      this.socket.uncork?.();
    }
    if (failed) this.close(CloseCode.InternalError, "send failed");
  }

  close(code: number, reason?: string): void {
    if (this.isClosed) return;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    this.handleSocketClosed();
  }

  /**
   * Whether the message fits this connection's budgets (SS14); past one it is
   * closed or the message dropped, and this returns false. Sync step 1 and
   * query-awareness count too: each makes the server encode and send state (amplification).
   */
  admit(message: ClientMessage): boolean {
    const limits = this.limits;
    if (!limits) return true;
    switch (message.type) {
      case "sync-step1":
      case "sync-step2":
      case "sync-update": {
        const bytes = message.type === "sync-step1" ? message.stateVector.byteLength : message.update.byteLength;
        if (limits.update(bytes) === "ok") return true;
        this.close(CloseCode.RateLimited, "update rate limit");
        return false;
      }
      case "awareness":
      case "query-awareness": {
        const verdict = limits.awarenessMessage(message.type === "awareness" ? message.update.byteLength : 0);
        if (verdict === "too-big") {
          this.close(CloseCode.MessageTooBig, "awareness state too big");
          return false;
        }
        if (verdict === "rate-limited") {
          this.rejected("awareness rate limit");
          return false;
        }
        return true;
      }
      default:
        return true;
    }
  }

  /** Counts a frame dropped by a limit that does not close the socket. */
  rejected(reason: string): void {
    this.socket.rejected?.(reason);
  }

  /** One liveness round: a socket that did not answer the previous ping is dead. */
  checkAlive(): void {
    if (this.isClosed) return;
    if (!this.alive) {
      this.socket.terminate();
      this.handleSocketClosed();
      return;
    }
    this.alive = false;
    try {
      this.socket.ping();
    } catch {
      this.socket.terminate();
      this.handleSocketClosed();
    }
  }
}
