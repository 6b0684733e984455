import { crc32 } from "./crc32";

export interface ZipEntry {
  /** A relative path with `/` separators; stored as UTF-8 (general purpose flag bit 11). */
  name: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: the lowest version that knows folders and the UTF-8 flag. */
const VERSION = 20;
/**
 * "Made by" Unix 2.0: Info-ZIP's unzip reads names from an MS-DOS host as code page 437 even with
 * the UTF-8 flag set, so the host is Unix, and the external attributes carry a file mode (rw-r--r--)
 * or the extracted files would have none.
 */
const MADE_BY = (3 << 8) | VERSION;
const FILE_MODE = (0o100644 << 16) >>> 0;
const UTF8_NAMES = 0x0800;
const STORE = 0;
/** Without ZIP64 the sizes and offsets are 32 bits and the entry count 16. */
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/** MS-DOS date and time (2-second resolution, 1980–2107), read in UTC so every machine writes the same bytes. */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = at.getUTCFullYear();
  if (!Number.isFinite(year) || year < 1980) return { date: (1 << 5) | 1, time: 0 };
  const y = Math.min(year, 2107) - 1980;
  return {
    date: (y << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

function isSafeName(name: string): boolean {
  // What unzip would write outside the target folder, or could not write at all.
  return name !== "" && !name.startsWith("/") && !name.includes("\\") && !name.split("/").includes("..") && !/[\u0000-\u001f]/.test(name);
}

interface CommonFields {
  time: number;
  date: number;
  crc: number;
  size: number;
  nameLength: number;
}

/**
 * The run of fields the local header (at 4) and the central directory header (at 6) share:
 * version needed, flags, method, time, date, CRC-32, both sizes (equal: stored), name length.
 */
function writeCommonFields(v: DataView, at: number, f: CommonFields): void {
  v.setUint16(at, VERSION, true);
  v.setUint16(at + 2, UTF8_NAMES, true);
  v.setUint16(at + 4, STORE, true);
  v.setUint16(at + 6, f.time, true);
  v.setUint16(at + 8, f.date, true);
  v.setUint32(at + 10, f.crc, true);
  v.setUint32(at + 14, f.size, true);
  v.setUint32(at + 18, f.size, true);
  v.setUint16(at + 22, f.nameLength, true);
}

/**
 * A ZIP archive (APPNOTE 6.3) whose entries are stored uncompressed: local header + data per
 * entry, then the central directory and its end record. Pure: the timestamp is passed in.
 */
export function zipStore(entries: readonly ZipEntry[], modifiedAt: Date): Uint8Array {
  if (entries.length > MAX_ENTRIES) throw new RangeError(`a zip without ZIP64 holds at most ${MAX_ENTRIES} entries`);
  const names = new Set<string>();
  const { date, time } = dosDateTime(modifiedAt);
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!isSafeName(entry.name)) throw new RangeError(`unsafe zip entry name: ${JSON.stringify(entry.name)}`);
    if (names.has(entry.name)) throw new RangeError(`duplicate zip entry name: ${entry.name}`);
    names.add(entry.name);
    const name = encoder.encode(entry.name);
    const size = entry.data.length;
    const crc = crc32(entry.data);
    const common = { time, date, crc, size, nameLength: name.length };
    const local = new Uint8Array(30 + name.length + size);
    const l = new DataView(local.buffer);
    l.setUint32(0, LOCAL_HEADER, true);
    writeCommonFields(l, 4, common);
    // extra field length: 0
    local.set(name, 30);
    local.set(entry.data, 30 + name.length);

    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, CENTRAL_HEADER, true);
    c.setUint16(4, MADE_BY, true);
    writeCommonFields(c, 6, common);
    // extra field length, comment length, disk number and internal attributes: all 0
    c.setUint32(38, FILE_MODE, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local);
    centrals.push(central);
    offset += local.length;
    if (offset > MAX_32) throw new RangeError("a zip without ZIP64 holds at most 4 GiB");
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
