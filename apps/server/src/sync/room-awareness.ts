import type * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { PRESENCE_SUMMARY_CLIENT_ID } from "@quadrant/protocol";
import { AwarenessEntries } from "./awareness-frames";
import { encodeAwareness, type AwarenessEntry } from "./codec";
import type { Connection } from "./connection";
import { FULL_PRESENCE_MAX_CONNECTIONS, PresencePolicy } from "./presence-policy";

/** Origin of awareness changes received from other instances (never re-published). */
const ORIGIN_REMOTE = Symbol("remote-awareness");

export type AwarenessApplyResult = "applied" | "foreign-client-id" | "too-many-client-ids";

/**
 * A stock client sets one awareness client id (its doc's); a new Y.Doc after a
 * reload or a clientID conflict may add another. More than this per socket is a
 * client flooding presence with invented participants.
 */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

/** What one tick of awareness changes turns into: frames for local sockets, one update for the fan-out. */
export interface AwarenessTick {
  /**
   * Groups of recipients and the frames each of them gets (null recipients: every connection of
   * the room). The groups cover every connection once, some with no frame: the room adds the
   * tick's document update to each group's write (room.ts, `sendTick`).
   */
  deliveries: Array<{ frames: Uint8Array[]; recipients: readonly Connection[] | null }>;
  /** Local changes only (encoded awareness update), or null when all came from other instances. */
  publish: Uint8Array | null;
}

/**
 * The one wrapper around y-protocols' Awareness (house rule 11): which
 * connection owns which client ids, and the coalescing of every change of a
 * tick into one message.
 */
export class RoomAwareness {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Connection>();
  private readonly changedLocal = new Set<number>();
  private readonly changedRemote = new Set<number>();
  /**
   * The awareness update of the one message that made every change of the current tick, as
   * received; null once anything else changed. Its entries carry the clocks and states the
   * room now holds (only applied entries count), so it is what encoding them would produce,
   * but for the JSON text, which is the client's own: a room of 50 relays each cursor without
   * JSON.stringify and a copy (issue 17).
   */
  private received: Uint8Array | null = null;
  /**
   * Who is where and who edited lately: what big rooms send to whom (SS16). Created when the room
   * first outgrows FULL_PRESENCE_MAX_CONNECTIONS: the many small rooms of a server keep no maps.
   */
  private presencePolicy: PresencePolicy | null = null;

  constructor(
    doc: Y.Doc,
    private readonly onChange: () => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    // Changes made by y-protocols itself (timeouts, removals, the fan-out's updates); a
    // connection's own updates are applied by `applyEntries`, which calls `noteChanges` directly.
    this.awareness.on("update", (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      // Changes other than a connection's message (removals, timeouts, other instances) are encoded.
      this.received = null;
      this.noteChanges(change.added, change.updated, change.removed, origin === ORIGIN_REMOTE);
    });
  }

  private noteChanges(added: readonly number[], updated: readonly number[], removed: readonly number[], remote: boolean): void {
    const target = remote ? this.changedRemote : this.changedLocal;
    const states = this.awareness.getStates();
    for (const id of added) {
      target.add(id);
      this.presencePolicy?.place(id, states.get(id) ?? null);
    }
    for (const id of updated) {
      target.add(id);
      this.presencePolicy?.place(id, states.get(id) ?? null);
    }
    for (const id of removed) {
      target.add(id);
      this.presencePolicy?.place(id, null);
    }
    this.onChange();
  }

  /**
   * y-protocols' `applyAwarenessUpdate` for entries the codec already decoded (SS7 checks them):
   * the same clock rules, without decoding and parsing every state a second time nor deep-comparing
   * it with the previous one (that only feeds the 'change' event, which nothing here listens to).
   * A big room receives thousands of cursors a second: at N = 2,000 that second decode was the
   * largest JavaScript cost of the server after sending.
   */
  private applyEntries(entries: readonly AwarenessEntry[]): number {
    const { states, meta } = this.awareness;
    const now = Date.now();
    const added: number[] = [];
    const updated: number[] = [];
    const removed: number[] = [];
    for (const { clientId, clock, state } of entries) {
      const clientMeta = meta.get(clientId);
      const currentClock = clientMeta === undefined ? 0 : clientMeta.clock;
      if (!(currentClock < clock || (currentClock === clock && state === null && states.has(clientId)))) continue;
      // The server's own state is always null (no presence), so a remote null just removes.
      if (state === null) states.delete(clientId);
      else states.set(clientId, state as Record<string, unknown>);
      meta.set(clientId, { clock, lastUpdated: now });
      if (clientMeta === undefined && state !== null) added.push(clientId);
      else if (clientMeta !== undefined && state === null) removed.push(clientId);
      else if (state !== null) updated.push(clientId);
    }
    const applied = added.length + updated.length + removed.length;
    if (applied > 0) this.noteChanges(added, updated, removed, false);
    return applied;
  }

  /** The presence policy, created (and fed every current state) on first use. */
  private get presence(): PresencePolicy {
    if (this.presencePolicy === null) {
      this.presencePolicy = new PresencePolicy();
      for (const [id, state] of this.awareness.getStates()) this.presencePolicy.place(id, state);
    }
    return this.presencePolicy;
  }

  /** The connection edited the document: in a big room its cursor goes to everyone for a while (SS16). */
  noteEdit(connection: Connection, roomConnections: number, now: number): void {
    if (roomConnections > FULL_PRESENCE_MAX_CONNECTIONS) this.presence.noteEdit(connection, now);
  }

  getStates(): Map<number, Record<string, unknown>> {
    return this.awareness.getStates();
  }

  /**
   * A connection may set only its own client ids or new ones, never another connection's.
   * `entries` come checked from the codec (SS7: an undecodable awareness message closed the socket there).
   */
  applyFromConnection(connection: Connection, update: Uint8Array, entries: readonly AwarenessEntry[]): AwarenessApplyResult {
    let added = 0;
    for (const entry of entries) {
      // The summary's id is the server's (SS16). Stock clients send back every awareness change
      // they receive, the summary included: applied, it would count as one more person.
      if (entry.clientId === PRESENCE_SUMMARY_CLIENT_ID) return "foreign-client-id";
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined && owner !== connection) return "foreign-client-id";
      if (owner === undefined && entry.state !== null) added++;
    }
    if (connection.awarenessIds.size + added > MAX_AWARENESS_IDS_PER_CONNECTION) return "too-many-client-ids";
    for (const entry of entries) {
      if (entry.state === null) {
        this.owners.delete(entry.clientId);
        connection.releaseAwarenessId(entry.clientId);
      } else {
        this.owners.set(entry.clientId, connection);
        connection.ownAwarenessId(entry.clientId);
      }
    }
    const changed = this.applyEntries(entries);
    // A tick whose only change is this message relays its bytes as received (takeTick).
    this.received = changed > 0 && changed === entries.length && this.changedLocal.size === changed && this.changedRemote.size === 0 ? update : null;
    return "applied";
  }

  /** An awareness update from another instance. Returns false when it could not be applied. */
  applyRemote(update: Uint8Array): boolean {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, ORIGIN_REMOTE);
      return true;
    } catch {
      return false;
    }
  }

  /** Removes (as null states, broadcast with the next tick) every client id the connection owned. */
  removeConnection(connection: Connection): void {
    const owned = [...connection.awarenessIds];
    connection.releaseAwarenessIds();
    for (const id of owned) this.owners.delete(id);
    const present = owned.filter((id) => this.awareness.getStates().has(id));
    if (present.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, present, "closed");
  }

  /**
   * The states a joiner (or a query-awareness) gets: every known state in a room of up to
   * FULL_PRESENCE_MAX_CONNECTIONS, else what this connection sees plus the summary (SS16).
   */
  encodeFor(connection: Connection, roomConnections: number, now: number): Uint8Array[] {
    const states = this.awareness.getStates();
    if (states.size === 0) return [];
    if (roomConnections <= FULL_PRESENCE_MAX_CONNECTIONS) {
      return [encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]))];
    }
    const frames: Uint8Array[] = [];
    const visible = this.presence.visibleTo(connection, now).filter((id) => states.has(id));
    if (visible.length > 0) frames.push(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, visible)));
    const summary = this.presence.summaryIfDue(now, states.size, true);
    if (summary) frames.push(encodeAwareness(summary));
    return frames;
  }

  /**
   * Drains the changes since the last tick (each changed client once): one frame for everyone
   * in a room of up to FULL_PRESENCE_MAX_CONNECTIONS, else the presence policy's frames (SS4, SS16).
   */
  takeTick(connections: ReadonlySet<Connection>, now: number): AwarenessTick | null {
    if (this.changedLocal.size === 0 && this.changedRemote.size === 0) return null;
    const local = [...this.changedLocal];
    const remote = [...this.changedRemote].filter((id) => !this.changedLocal.has(id));
    const received = this.received;
    this.received = null;
    this.changedLocal.clear();
    this.changedRemote.clear();
    if (connections.size <= FULL_PRESENCE_MAX_CONNECTIONS) {
      const localUpdate = received ?? (local.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) : null);
      const frame =
        remote.length === 0 && localUpdate !== null
          ? encodeAwareness(localUpdate)
          : encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...local, ...remote]));
      return { deliveries: [{ frames: [frame], recipients: null }], publish: localUpdate };
    }
    const changed = [...local, ...remote];
    const states = this.awareness.getStates();
    const removed = new Set(changed.filter((id) => !states.has(id)));
    const summary = this.presence.summaryIfDue(now, states.size);
    const summaryFrame = summary === null ? null : encodeAwareness(summary);
    // Each changed state is encoded once; each group's frame once, the same bytes to all its recipients.
    const entries = new AwarenessEntries(states, this.awareness.meta);
    const deliveries: AwarenessTick["deliveries"] = this.presence.plan(changed, removed, connections, now).map(({ ids, recipients }) => {
      const frames = ids.length === 0 ? [] : [entries.frame(ids)];
      if (summaryFrame !== null) frames.push(summaryFrame);
      return { frames, recipients };
    });
    return { deliveries, publish: local.length > 0 ? entries.update(local) : null };
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
