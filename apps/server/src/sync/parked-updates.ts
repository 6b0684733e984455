import * as Y from "yjs";
import type { Connection } from "./connection";
import { unmetDependency, type UnmetNeed, type UpdateDependencies } from "./update-dependencies";

/**
 * A well-behaved client does send updates before what they depend on: after a
 * reconnect (e.g. the server restarted) it keeps editing on top of its offline
 * edits, and those edits reach the server in its sync step 2, one round trip
 * later. Yjs would keep such an update as pending state, at a cost that
 * crafted updates turn into a denial of service (update-dependencies.ts). So
 * the room parks them here instead, per connection and bounded, and applies
 * each once the doc meets its needs. Past the bound the sender is closed: an
 * honest client then reconnects and its next sync step 2 carries everything.
 * The bound is small because an honest client parks only what it typed within
 * one round trip, and each parked byte holds several bytes of summary.
 */
export const MAX_PARKED_UPDATES = 64;
export const MAX_PARKED_BYTES = 64 * 1024;

interface Parked {
  update: Uint8Array;
  dependencies: UpdateDependencies;
  /** Nothing can change for this update until the doc's state for this client reaches this clock. */
  blocker: UnmetNeed;
}

export class ParkedUpdates {
  private readonly byConnection = new Map<Connection, { entries: Parked[]; bytes: number }>();

  /** Parks an update whose `blocker` is unmet; false when the connection's budget is spent (the caller closes it). */
  park(connection: Connection, update: Uint8Array, dependencies: UpdateDependencies, blocker: UnmetNeed): boolean {
    const parked = this.byConnection.get(connection) ?? { entries: [], bytes: 0 };
    if (parked.entries.length >= MAX_PARKED_UPDATES || parked.bytes + update.byteLength > MAX_PARKED_BYTES) return false;
    parked.entries.push({ update, dependencies, blocker });
    parked.bytes += update.byteLength;
    this.byConnection.set(connection, parked);
    return true;
  }

  /**
   * Applies every parked update whose needs `doc` now meets, repeatedly, since one
   * can unblock another. Each round costs one state lookup per parked update;
   * the full check runs only once its blocker is met (so parking cannot be
   * turned into CPU spent on every tick).
   */
  drain(doc: Y.Doc, apply: (connection: Connection, update: Uint8Array) => void): void {
    for (let progress = true; progress; ) {
      progress = false;
      for (const [connection, parked] of [...this.byConnection]) {
        const ready: Parked[] = [];
        for (const p of parked.entries) {
          if (Y.getState(doc.store, p.blocker.client) < p.blocker.clock) continue;
          const blocker = unmetDependency(p.dependencies, doc);
          if (blocker) p.blocker = blocker;
          else ready.push(p);
        }
        if (ready.length === 0) continue;
        parked.entries = parked.entries.filter((p) => !ready.includes(p));
        parked.bytes -= ready.reduce((sum, p) => sum + p.update.byteLength, 0);
        if (parked.entries.length === 0) this.byConnection.delete(connection);
        // Applying may close the connection (and forget it): its ready updates still count.
        for (const p of ready) apply(connection, p.update);
        progress = true;
      }
    }
  }

  get isEmpty(): boolean {
    return this.byConnection.size === 0;
  }

  /** The connection closed: its client resends whatever the server lacks in its next sync step 2. */
  forget(connection: Connection): void {
    this.byConnection.delete(connection);
  }

  clear(): void {
    this.byConnection.clear();
  }
}
