import * as encoding from "lib0/encoding";

/**
 * Hand-built Yjs updates (v1 encoding) that a real client would never send but
 * that Yjs itself decodes: structs at clocks nobody has seen, deletes of unknown
 * ranges, references to unknown items, dependency cycles, run-length abuse.
 * Built byte by byte because Yjs has no API to produce them.
 */

export interface StructId {
  client: number;
  clock: number;
}

/** Content of one hand-built item. */
export type HostileContent =
  | { kind: "string"; text: string }
  | { kind: "deleted"; length: number }
  | { kind: "any"; values: readonly (string | number | boolean | null)[] };

export interface HostileItem {
  kind: "item";
  origin?: StructId;
  rightOrigin?: StructId;
  /** Root type name or the id of the item holding the parent type; used only without origins (as Yjs does). */
  parent?: string | StructId;
  /** Map key. */
  parentSub?: string;
  content: HostileContent;
}

export type HostileStruct = HostileItem | { kind: "gc"; length: number } | { kind: "skip"; length: number };

export interface ClientStructs {
  client: number;
  /** Clock of the first struct; the following ones are contiguous. */
  clock: number;
  structs: HostileStruct[];
}

export interface DeleteRange {
  client: number;
  clock: number;
  length: number;
}

const CONTENT_REF = { deleted: 1, string: 4, any: 8 } as const;

function writeId(e: encoding.Encoder, id: StructId): void {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function writeItem(e: encoding.Encoder, item: HostileItem): void {
  const hasParentSub = item.parentSub !== undefined && item.origin === undefined && item.rightOrigin === undefined;
  const info =
    CONTENT_REF[item.content.kind] |
    (item.origin ? 0x80 : 0) |
    (item.rightOrigin ? 0x40 : 0) |
    (hasParentSub ? 0x20 : 0);
  encoding.writeUint8(e, info);
  if (item.origin) writeId(e, item.origin);
  if (item.rightOrigin) writeId(e, item.rightOrigin);
  if (!item.origin && !item.rightOrigin) {
    const parent = item.parent ?? "fuzz";
    if (typeof parent === "string") {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, parent);
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, parent);
    }
    if (hasParentSub) encoding.writeVarString(e, item.parentSub ?? "");
  }
  const content = item.content;
  switch (content.kind) {
    case "string":
      encoding.writeVarString(e, content.text);
      return;
    case "deleted":
      encoding.writeVarUint(e, content.length);
      return;
    case "any":
      encoding.writeVarUint(e, content.values.length);
      for (const value of content.values) encoding.writeAny(e, value);
      return;
  }
}

/** A v1 update: the given structs (grouped by client) and delete set. */
export function buildUpdate(clients: readonly ClientStructs[], deletes: readonly DeleteRange[] = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients.length);
  for (const group of clients) {
    encoding.writeVarUint(e, group.structs.length);
    encoding.writeVarUint(e, group.client);
    encoding.writeVarUint(e, group.clock);
    for (const struct of group.structs) {
      if (struct.kind === "item") writeItem(e, struct);
      else {
        encoding.writeUint8(e, struct.kind === "gc" ? 0 : 10);
        encoding.writeVarUint(e, struct.length);
      }
    }
  }
  const byClient = new Map<number, DeleteRange[]>();
  for (const range of deletes) byClient.set(range.client, [...(byClient.get(range.client) ?? []), range]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(e, range.clock);
      encoding.writeVarUint(e, range.length);
    }
  }
  return encoding.toUint8Array(e);
}

/** Deletes of `count` ranges on clients nobody has written (Yjs would keep them pending forever). */
export function unknownDeletes(firstClient: number, count: number, clock = 5, length = 2 ** 40): Uint8Array {
  return buildUpdate([], Array.from({ length: count }, (_, i) => ({ client: firstClient + i, clock, length })));
}

/** One string item per client, each at a clock far past anything written (a gap Yjs would wait for). */
export function futureStructs(firstClient: number, count: number, clock = 2 ** 40): Uint8Array {
  return buildUpdate(
    Array.from({ length: count }, (_, i) => ({
      client: firstClient + i,
      clock,
      structs: [{ kind: "item", parent: "fuzz", content: { kind: "string", text: "never" } } as const],
    })),
  );
}

/** Two fresh clients whose first items name each other as origin: integrable in no order. */
export function cyclicStructs(clientA: number, clientB: number): Uint8Array {
  return buildUpdate([
    { client: clientA, clock: 0, structs: [{ kind: "item", origin: { client: clientB, clock: 0 }, content: { kind: "string", text: "a" } }] },
    { client: clientB, clock: 0, structs: [{ kind: "item", origin: { client: clientA, clock: 0 }, content: { kind: "string", text: "b" } }] },
  ]);
}
