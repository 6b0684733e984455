import * as Y from "yjs";

/**
 * What a Yjs update needs from the document it is applied to.
 *
 * Why: Yjs keeps whatever part of an update it cannot integrate yet (structs
 * whose left neighbour, origin or parent it lacks; deletes of clocks it has
 * not seen) as "pending" state, re-reads all of it on every later update and
 * ships it to every joiner. A few megabytes of crafted deletes of unknown
 * clocks made every honest edit cost ~200 ms of server CPU, and a 500 kB update
 * of structs at unknown clocks took 2.5 s to apply (fuzz.test.ts found both).
 * So Yjs only ever gets an update whose needs the doc meets; the room holds
 * the others back, bounded per connection, until they are met
 * (parked-updates.ts: well-behaved clients do send them, after a reconnect).
 */
export interface ClientNeeds {
  /** The update's own struct ranges for this client, [start, end) pairs in clock order (gaps are Skip structs). */
  ranges: number[];
  /** One past the highest clock of this client that the update references (origins, parents, deletes). */
  referencedEnd: number;
}

export type UpdateDependencies = ReadonlyMap<number, ClientNeeds>;

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The entry of `client`, created on first use: the map's order is the order needs are checked in. */
export function needsOf(map: Map<number, ClientNeeds>, client: number): ClientNeeds {
  let needs = map.get(client);
  if (!needs) {
    needs = { ranges: [], referencedEnd: 0 };
    map.set(client, needs);
  }
  return needs;
}

/** The update holds `length` clocks of this client from `clock`. */
export function addRange(needs: ClientNeeds, clock: number, length: number): void {
  const last = needs.ranges.length - 1;
  // Yjs writes a client's structs in clock order; merge adjacent ones so the usual case is one range.
  if (last > 0 && needs.ranges[last] === clock) needs.ranges[last] = clock + length;
  else needs.ranges.push(clock, clock + length);
}

/** The update references (client, clock): that clock must exist. */
export function addReference(map: Map<number, ClientNeeds>, client: number, clock: number): void {
  const needs = needsOf(map, client);
  needs.referencedEnd = Math.max(needs.referencedEnd, clock + 1);
}

/**
 * Summarises a decoded update (Y.decodeUpdate) into what it needs. Throws on
 * zero-length structs and deletes, which Yjs never writes but decodes: a 0-length
 * GC or deleted item broke every later lookup of the doc ("Unexpected case", no
 * joiner could sync), and a 0-length item made honest edits next to it go
 * pending on every other peer (fuzz.test.ts found both).
 */
export function dependenciesOf(decoded: DecodedUpdate): UpdateDependencies {
  const map = new Map<number, ClientNeeds>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.length <= 0) throw new Error("zero-length struct in update");
    addRange(needsOf(map, struct.id.client), struct.id.clock, struct.length);
    if (struct instanceof Y.Item) {
      if (struct.origin) addReference(map, struct.origin.client, struct.origin.clock);
      if (struct.rightOrigin) addReference(map, struct.rightOrigin.client, struct.rightOrigin.clock);
      // A decoded item's parent is a root type's name (string) or the id of the item holding its type.
      if (struct.parent instanceof Y.ID) addReference(map, struct.parent.client, struct.parent.clock);
    }
  }
  for (const [client, deletes] of decoded.ds.clients) {
    const needs = needsOf(map, client);
    for (const { clock, len } of deletes) {
      if (len <= 0) throw new Error("zero-length delete in update");
      needs.referencedEnd = Math.max(needs.referencedEnd, clock + len);
    }
  }
  return map;
}

/** A need the doc does not meet yet: its state for `client` must reach `clock` first. */
export interface UnmetNeed {
  client: number;
  clock: number;
}

/** The first need of the update that `doc` does not meet, or null when applying it now leaves nothing pending. */
export function unmetDependency(dependencies: UpdateDependencies, doc: Y.Doc): UnmetNeed | null {
  for (const [client, needs] of dependencies) {
    const state = Y.getState(doc.store, client);
    let available = state;
    for (let i = 0; i < needs.ranges.length; i += 2) {
      const start = needs.ranges[i] ?? 0;
      const end = needs.ranges[i + 1] ?? 0;
      if (start > available) return { client, clock: start };
      available = Math.max(available, end);
    }
    if (needs.referencedEnd > available) return { client, clock: needs.referencedEnd };
  }
  return null;
}

export function dependenciesMet(dependencies: UpdateDependencies, doc: Y.Doc): boolean {
  return unmetDependency(dependencies, doc) === null;
}

/** Whether Yjs holds pending (not yet integrable) state for this doc. */
export function hasPendingState(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Forgets pending state. It is never stored (only integrated changes are), so nothing durable is lost. */
export function dropPendingState(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}
