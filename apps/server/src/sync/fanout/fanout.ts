import type { Role } from "@quadrant/protocol";

/**
 * Cross-instance fan-out. With one instance it is a no-op (LocalFanout); with
 * REDIS_URL set, RedisFanout (redis-fanout.ts) relays to the other instances.
 * Delivery is at-most-once: rooms must converge even when a message is lost
 * (the Redis implementation exchanges state vectors / catches up from storage).
 *
 * An instance never re-publishes what it received from the fan-out, so
 * messages cannot loop between instances.
 */
export type FanoutMessage =
  /** A (merged) document update that this instance has already stored durably. */
  | { kind: "update"; docId: string; update: Uint8Array }
  /** An encoded awareness update (y-protocols/awareness). */
  | { kind: "awareness"; docId: string; update: Uint8Array }
  /** The sender's state vector: receivers answer with what the sender is missing. */
  | { kind: "state-vector"; docId: string; stateVector: Uint8Array }
  /** Server-held facilitation state of a board changed: reload it. */
  | { kind: "control-changed"; docId: string }
  /** Links of these roles were rotated: close every socket opened with the old ones. */
  | { kind: "roles-revoked"; docId: string; roles: readonly Role[] };

export type FanoutHandler = (message: FanoutMessage) => void;

export interface Fanout {
  publish(message: FanoutMessage): void;
  subscribe(docId: string, handler: FanoutHandler): void;
  unsubscribe(docId: string): void;
  /** False while the broker is unreachable; /readyz reports it. */
  healthy(): boolean;
  close(): Promise<void>;
}

export class LocalFanout implements Fanout {
  publish(): void {}
  subscribe(): void {}
  unsubscribe(): void {}
  healthy(): boolean {
    return true;
  }
  async close(): Promise<void> {}
}
