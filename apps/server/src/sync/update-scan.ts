import { isUtf8 } from "node:buffer";
import * as Y from "yjs";
import { addRange, addReference, dependenciesOf, needsOf, type ClientNeeds, type UpdateDependencies } from "./update-dependencies";

/**
 * What a client's Yjs update (v1 encoding) needs, read straight from its bytes: the same answer
 * as `dependenciesOf(Y.decodeUpdate(update))`, and it throws on the same updates, without
 * building the update's items and their content. That decode was every received update's
 * second full read (the tick's `Y.applyUpdate` is the first that counts): a note's edit is one
 * map entry whose value is a 30-field object, so it built ~60 strings through `TextDecoder`
 * and an object, all garbage at once (issue 17: 5 % of the many-boards run's main thread, and
 * the collector's work behind it). Here strings are checked, not decoded (`isUtf8`: lib0
 * decodes with a fatal decoder, so malformed UTF-8 throws there as here).
 *
 * Exactness is the contract (SS7: nothing Yjs cannot read reaches the doc), pinned by
 * update-scan.test.ts, which compares both on real updates of every content kind and on
 * thousands of mutated ones. Where matching Yjs would mean re-implementing its object
 * construction (a subdocument's options), the scan hands the update to the decoder instead.
 */
export function scanUpdateDependencies(update: Uint8Array): UpdateDependencies {
  const reader = new Reader(update);
  try {
    return scan(reader);
  } catch (error) {
    if (error === DECODE_INSTEAD) return dependenciesOf(Y.decodeUpdate(update));
    throw error;
  }
}

/** Thrown where the bytes would have been malformed for lib0 as well (same cases, own message). */
class MalformedUpdate extends Error {}
/** Not an error: the scan gives the update to Yjs's decoder (see `scanUpdateDependencies`). */
const DECODE_INSTEAD = Symbol("decode instead");

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** lib0's decoding rules, bounds-checked against the update's own bytes as lib0 does. */
class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** lib0 `readUint8`: past the end it yields undefined, which every caller here treats as malformed. */
  byte(): number {
    if (this.pos >= this.bytes.length) throw new MalformedUpdate("unexpected end of update");
    return this.bytes[this.pos++]!;
  }

  /** lib0 `readVarUint`, including where it throws. */
  varUint(): number {
    return this.varDigits(0, 1);
  }

  /** lib0 `readVarInt`, skipped (its value is never needed here): 6 bits and a sign in the first byte. */
  skipVarInt(): void {
    const first = this.byte();
    if ((first & 0x80) !== 0) this.varDigits(first & 0x3f, 64);
  }

  /** The 7-bit groups of a varint after `num` so far, lib0's loop: too large or cut off throws. */
  private varDigits(num: number, mult: number): number {
    const len = this.bytes.length;
    while (this.pos < len) {
      const r = this.bytes[this.pos++]!;
      num = num + (r & 0x7f) * mult;
      mult *= 128;
      if (r < 0x80) return num;
      if (num > MAX_SAFE) throw new MalformedUpdate("integer out of range");
    }
    throw new MalformedUpdate("unexpected end of update");
  }

  /** lib0 `readUint8Array` / `subarray`: `len` bytes that must lie inside the update. */
  skipBytes(len: number): number {
    const start = this.pos;
    if (len > this.bytes.length - start) throw new MalformedUpdate("unexpected end of update");
    this.pos += len;
    return start;
  }

  /** lib0 `readVarString`, checked but not decoded. */
  skipString(): void {
    const len = this.varUint();
    const start = this.skipBytes(len);
    const end = start + len;
    // ASCII is valid UTF-8: most strings (keys, ids, colours) end here, without a native call each.
    for (let i = start; i < end; i++) {
      if (this.bytes[i]! >= 0x80) {
        if (!isUtf8(this.bytes.subarray(i, end))) throw new MalformedUpdate("invalid UTF-8 in update");
        return;
      }
    }
  }

  /** lib0 `readVarString`, decoded (for the few contents whose value decides the outcome). */
  string(): string {
    const len = this.varUint();
    const start = this.skipBytes(len);
    return fatalUtf8.decode(this.bytes.subarray(start, start + len));
  }

  /** lib0 `readAny`, walked without building the value. */
  skipAny(): void {
    switch (this.byte()) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125:
        this.skipVarInt();
        return;
      case 124:
        this.skipBytes(4);
        return;
      case 123:
      case 122: // float64, bigint64
        this.skipBytes(8);
        return;
      case 119:
        this.skipString();
        return;
      case 118: {
        const len = this.varUint();
        for (let i = 0; i < len; i++) {
          this.skipString();
          this.skipAny();
        }
        return;
      }
      case 117: {
        const len = this.varUint();
        for (let i = 0; i < len; i++) this.skipAny();
        return;
      }
      case 116:
        this.skipBytes(this.varUint());
        return;
      default:
        // lib0 indexes its lookup table past either end and calls undefined.
        throw new MalformedUpdate("unknown value type in update");
    }
  }
}

/** Item info bits (Yjs `binary.BIT8`, `BIT7`, `BIT6`, `BITS5`). */
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const CONTENT_REF = 0x1f;
const SKIP_INFO = 10;


/** Yjs's `lazyStructReaderGenerator` and `readDeleteSet` (v1), in their order, as `dependenciesOf` summarises them. */
function scan(reader: Reader): UpdateDependencies {
  const map = new Map<number, ClientNeeds>();
  const clients = reader.varUint();
  for (let c = 0; c < clients; c++) {
    const structs = reader.varUint();
    const client = reader.varUint();
    let clock = reader.varUint();
    for (let s = 0; s < structs; s++) {
      const info = reader.byte();
      if (info === SKIP_INFO) {
        clock += reader.varUint();
        continue;
      }
      let length: number;
      if ((info & CONTENT_REF) === 0) {
        length = reader.varUint(); // GC
        if (length <= 0) throw new Error("zero-length struct in update");
        addRange(needsOf(map, client), clock, length);
      } else {
        // Ids it references: origin, right origin, or (with neither) the item holding its parent type.
        let originClient = -1;
        let originClock = 0;
        let rightClient = -1;
        let rightClock = 0;
        let parentClient = -1;
        let parentClock = 0;
        if (info & HAS_ORIGIN) {
          originClient = reader.varUint();
          originClock = reader.varUint();
        }
        if (info & HAS_RIGHT_ORIGIN) {
          rightClient = reader.varUint();
          rightClock = reader.varUint();
        }
        if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          // Parent: a root type's name, or the id of the item holding the type.
          if (reader.varUint() === 1) reader.skipString();
          else {
            parentClient = reader.varUint();
            parentClock = reader.varUint();
          }
          if (info & HAS_PARENT_SUB) reader.skipString();
        }
        length = contentLength(reader, info & CONTENT_REF);
        if (length <= 0) throw new Error("zero-length struct in update");
        // dependenciesOf's order: the item's own range, then what it references.
        addRange(needsOf(map, client), clock, length);
        if (originClient >= 0) addReference(map, originClient, originClock);
        if (rightClient >= 0) addReference(map, rightClient, rightClock);
        if (parentClient >= 0) addReference(map, parentClient, parentClock);
      }
      clock += length;
    }
  }
  const deleteClients = reader.varUint();
  for (let c = 0; c < deleteClients; c++) {
    const client = reader.varUint();
    const deletes = reader.varUint();
    if (deletes === 0) continue;
    const needs = needsOf(map, client);
    for (let d = 0; d < deletes; d++) {
      const clock = reader.varUint();
      const len = reader.varUint();
      if (len <= 0) throw new Error("zero-length delete in update");
      needs.referencedEnd = Math.max(needs.referencedEnd, clock + len);
    }
  }
  return map;
}


/** Yjs `readItemContent` (v1 `contentRefs`): reads the content and returns its length in clocks. */
function contentLength(reader: Reader, ref: number): number {
  switch (ref) {
    case 1: // ContentDeleted
      return reader.varUint();
    case 2: {
      // ContentJSON: each entry parsed as Yjs does, since a bad one throws there.
      const len = reader.varUint();
      for (let i = 0; i < len; i++) {
        const text = reader.string();
        if (text !== "undefined") JSON.parse(text);
      }
      return len;
    }
    case 3: // ContentBinary
      reader.skipBytes(reader.varUint());
      return 1;
    case 4: // ContentString: its length is the decoded string's (UTF-16 units)
      return reader.string().length;
    case 5: // ContentEmbed
      JSON.parse(reader.string());
      return 1;
    case 6: // ContentFormat: key, then a JSON value
      reader.skipString();
      JSON.parse(reader.string());
      return 1;
    case 7: {
      // ContentType: YArray, YMap, YText, YXmlElement (+ name), YXmlFragment, YXmlHook (+ name), YXmlText.
      const typeRef = reader.varUint();
      if (typeRef === 3 || typeRef === 5) reader.skipString();
      else if (typeRef > 6) throw new MalformedUpdate("unknown type in update");
      return 1;
    }
    case 8: {
      // ContentAny
      const len = reader.varUint();
      for (let i = 0; i < len; i++) reader.skipAny();
      return len;
    }
    case 9:
      // ContentDoc: Yjs builds a Y.Doc from options read from the update; whether that throws is its own business.
      throw DECODE_INSTEAD;
    default:
      throw new MalformedUpdate("unknown content in update");
  }
}
