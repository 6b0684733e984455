import * as encoding from "lib0/encoding";
import { PRESENCE_SUMMARY_CLIENT_ID, type PresenceSummary } from "@quadrant/protocol";
import type { Connection } from "./connection";

/**
 * Presence in big rooms (SS16). Relaying every cursor to everyone costs each client bytes in
 * proportion to the room (N cursors × rate × ~100 bytes), and the server N² socket writes: at
 * 2,000 people that is a bandwidth wall, not a CPU one. Above FULL_PRESENCE_MAX_CONNECTIONS a
 * room sends each person, at full rate, only
 * - the people near them on the canvas: the first MAX_NEAR_PEERS of the 3 × 3 cells of
 *   PRESENCE_CELL scene units around their own cursor (or view centre), in order of arrival,
 * - the MAX_ACTIVE_PEERS people who edited the board most recently (within ACTIVE_MS): what a
 *   workshop watches,
 * - every departure (null state),
 * and, every SUMMARY_INTERVAL_MS, one summary state (packages/protocol PresenceSummary) with the
 * room's head count and its busiest areas. So what a client receives per second is bounded by
 * those constants, whatever N.
 */
export const FULL_PRESENCE_MAX_CONNECTIONS = 100;
export const PRESENCE_CELL = 2_000;
export const MAX_NEAR_PEERS = 40;
export const MAX_ACTIVE_PEERS = 12;
export const ACTIVE_MS = 10_000;
export const SUMMARY_INTERVAL_MS = 2_000;
const SUMMARY_AREAS = 32;

/** One frame of a tick: these client ids' states, to these connections. */
export interface PresenceSend {
  ids: number[];
  recipients: Connection[];
}

const NOWHERE = "";

/** A state's place on the canvas: its pointer, else its view centre (the web client's PeerState shape). */
export function positionOf(state: unknown): { x: number; y: number } | null {
  if (typeof state !== "object" || state === null) return null;
  const { pointer, viewport } = state as { pointer?: { x?: unknown; y?: unknown }; viewport?: { cx?: unknown; cy?: unknown } };
  if (pointer && typeof pointer.x === "number" && typeof pointer.y === "number" && Number.isFinite(pointer.x) && Number.isFinite(pointer.y)) {
    return { x: pointer.x, y: pointer.y };
  }
  if (viewport && typeof viewport.cx === "number" && typeof viewport.cy === "number" && Number.isFinite(viewport.cx) && Number.isFinite(viewport.cy)) {
    return { x: viewport.cx, y: viewport.cy };
  }
  return null;
}

function cellKey(cx: number, cy: number): string {
  return `${cx},${cy}`;
}

/** Where each awareness client is (by cell), who edited lately, and which frame goes to whom. */
export class PresencePolicy {
  private readonly cellOf = new Map<number, { cx: number; cy: number; key: string }>();
  /** Cell → client ids in the order they arrived there (the first MAX_NEAR_PEERS are shown). */
  private readonly cells = new Map<string, Set<number>>();
  private readonly editedAt = new Map<number, number>();
  private summaryClock = 0;
  private lastSummaryAt = Number.NEGATIVE_INFINITY;

  /** A client's state changed: move it to its cell (or off the map). */
  place(clientId: number, state: unknown): void {
    const position = state === null ? null : positionOf(state);
    const before = this.cellOf.get(clientId);
    if (position === null) {
      if (before) this.leaveCell(clientId, before.key);
      if (state === null) this.editedAt.delete(clientId);
      return;
    }
    const cx = Math.floor(position.x / PRESENCE_CELL);
    const cy = Math.floor(position.y / PRESENCE_CELL);
    const key = cellKey(cx, cy);
    if (before?.key === key) return;
    if (before) this.leaveCell(clientId, before.key);
    this.cellOf.set(clientId, { cx, cy, key });
    let members = this.cells.get(key);
    if (!members) this.cells.set(key, (members = new Set()));
    members.add(clientId);
  }

  private leaveCell(clientId: number, key: string): void {
    this.cellOf.delete(clientId);
    const members = this.cells.get(key);
    members?.delete(clientId);
    if (members?.size === 0) this.cells.delete(key);
  }

  /** The connection's document update was accepted: its people count as active. */
  noteEdit(connection: Connection, now: number): void {
    for (const id of connection.awarenessIds) {
      this.editedAt.delete(id); // re-insert: the map stays in order of the latest edit
      this.editedAt.set(id, now);
    }
  }

  /** The most recent editors (at most MAX_ACTIVE_PEERS, within ACTIVE_MS). */
  activeIds(now: number): Set<number> {
    for (const [id, at] of this.editedAt) {
      if (now - at <= ACTIVE_MS) break;
      this.editedAt.delete(id); // oldest first: stop at the first recent one
    }
    const ids = [...this.editedAt.keys()];
    return new Set(ids.slice(Math.max(0, ids.length - MAX_ACTIVE_PEERS)));
  }

  /** Whom a connection sees at full rate besides the active ones: its neighbourhood's first arrivals. */
  private nearIds(key: string): Set<number> {
    const near = new Set<number>();
    if (key === NOWHERE) return near;
    const [cx, cy] = key.split(",").map(Number) as [number, number];
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const members = this.cells.get(cellKey(cx + dx, cy + dy));
        if (!members) continue;
        for (const id of members) {
          near.add(id);
          if (near.size >= MAX_NEAR_PEERS) return near;
        }
      }
    }
    return near;
  }

  private keyOf(connection: Connection): string {
    for (const id of connection.awarenessIds) {
      const cell = this.cellOf.get(id);
      if (cell) return cell.key;
    }
    return NOWHERE;
  }

  /**
   * Splits a tick's changed client ids into frames: connections in the same cell share one.
   * `removed` ids (null states) go to everyone; the others to whoever sees them. The groups
   * partition `connections`: those who see none of the changes form one group with no ids
   * (the room still sends them the tick's document update, in the same write).
   */
  plan(changed: readonly number[], removed: ReadonlySet<number>, connections: Iterable<Connection>, now: number): PresenceSend[] {
    const active = this.activeIds(now);
    const byCell = new Map<string, Connection[]>();
    for (const connection of connections) {
      const key = this.keyOf(connection);
      const group = byCell.get(key);
      if (group) group.push(connection);
      else byCell.set(key, [connection]);
    }
    const frames = new Map<string, PresenceSend>();
    for (const [key, recipients] of byCell) {
      const near = this.nearIds(key);
      const ids = changed.filter((id) => removed.has(id) || active.has(id) || near.has(id));
      const idsKey = ids.join(",");
      const frame = frames.get(idsKey);
      if (frame) frame.recipients.push(...recipients);
      else frames.set(idsKey, { ids, recipients });
    }
    return [...frames.values()];
  }

  /** What a joiner (or a query-awareness) gets instead of every state: its neighbourhood and the active ones. */
  visibleTo(connection: Connection, now: number): number[] {
    return [...new Set([...this.activeIds(now), ...this.nearIds(this.keyOf(connection))])];
  }

  /** The summary awareness update when one is due (every SUMMARY_INTERVAL_MS), else null. */
  summaryIfDue(now: number, people: number, force = false): Uint8Array | null {
    if (!force && now - this.lastSummaryAt < SUMMARY_INTERVAL_MS) return null;
    if (!force) this.lastSummaryAt = now;
    return this.encodeSummary(people);
  }

  private encodeSummary(people: number): Uint8Array {
    const areas = [...this.cells.values()]
      .map((members) => {
        const first = members.values().next().value as number;
        const cell = this.cellOf.get(first)!;
        return { x: (cell.cx + 0.5) * PRESENCE_CELL, y: (cell.cy + 0.5) * PRESENCE_CELL, people: members.size };
      })
      .sort((a, b) => b.people - a.people)
      .slice(0, SUMMARY_AREAS);
    const summary: PresenceSummary = { presenceSummary: { people, areas } };
    // y-protocols' awareness update: count, then (client id, clock, JSON state) per entry.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, PRESENCE_SUMMARY_CLIENT_ID);
    encoding.writeVarUint(e, ++this.summaryClock);
    encoding.writeVarString(e, JSON.stringify(summary));
    return encoding.toUint8Array(e);
  }

  forget(clientId: number): void {
    const cell = this.cellOf.get(clientId);
    if (cell) this.leaveCell(clientId, cell.key);
    this.editedAt.delete(clientId);
  }
}
