import type { FastifyRequest } from "fastify";
import type { Limits } from "../config";
import { HttpError } from "./http-error";

const WINDOW_MS = 60_000;

/**
 * Checks a websocket upgrade before any socket opens: the page's Origin, the
 * address's upgrade attempts per minute (failed ones count: token guessing),
 * and open connections per address and per board. Counts are per instance.
 */
export class UpgradeGuard {
  private readonly attempts = new Map<string, { windowStart: number; count: number }>();
  private readonly perAddress = new Map<string, number>();
  private readonly perBoard = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly limits: Pick<Limits, "upgradesPerMinutePerAddress" | "maxConnectionsPerAddress" | "maxConnectionsPerBoard">,
    /** Allowed origins; undefined = the Host header's own origin only. */
    private readonly allowedOrigins: readonly string[] | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws the HTTP error that refuses the upgrade; returns when it may proceed to authorization. */
  checkBeforeAuth(request: FastifyRequest): void {
    this.checkOrigin(request);
    this.countAttempt(request.ip);
  }

  /** Throws when the address or the board already has its maximum of open sockets. */
  checkCapacity(address: string, boardId: string): void {
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerAddress) {
      throw new HttpError(429, "too_many_connections", "too many open connections from your address; close some board tabs and retry");
    }
    if ((this.perBoard.get(boardId) ?? 0) >= this.limits.maxConnectionsPerBoard) {
      throw new HttpError(429, "board_full", "this board has reached its maximum number of participants; try again later");
    }
  }

  /** A socket opened; returns the function that releases its slots when it closes (idempotent). */
  opened(address: string, boardId: string): () => void {
    increment(this.perAddress, address);
    increment(this.perBoard, boardId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.perAddress, address);
      decrement(this.perBoard, boardId);
    };
  }

  private checkOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    // Browsers always send Origin on websocket upgrades; its absence means a non-browser
    // client (a script, a stock Node client), which no hostile page can drive.
    if (origin === undefined) return;
    if (this.allowedOrigins?.includes("*")) return;
    if (this.allowedOrigins ? this.allowedOrigins.includes(origin) : sameHost(origin, request.host)) return;
    throw new HttpError(
      403,
      "origin_not_allowed",
      `pages served from ${origin.slice(0, 200)} may not open board connections here; an operator can add the origin to ALLOWED_ORIGINS`,
    );
  }

  private countAttempt(address: string): void {
    const now = this.now();
    if (now - this.lastSweep > WINDOW_MS) this.sweep(now);
    const entry = this.attempts.get(address);
    if (!entry || now - entry.windowStart >= WINDOW_MS) {
      this.attempts.set(address, { windowStart: now, count: 1 });
      return;
    }
    entry.count++;
    if (entry.count > this.limits.upgradesPerMinutePerAddress) {
      throw new HttpError(429, "rate_limited", "too many connection attempts from your address; wait a minute, then reload the board");
    }
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [address, entry] of this.attempts) if (now - entry.windowStart >= WINDOW_MS) this.attempts.delete(address);
  }
}

/**
 * Same origin by default, compared by host (and port) only: behind a TLS proxy the
 * server sees http while the page's Origin says https, and a hostile page lives on
 * another host whatever its scheme.
 */
function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const next = (counts.get(key) ?? 1) - 1;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
