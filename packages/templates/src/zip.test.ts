import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBoard } from "@quadrant/board-model";
import { afterAll, describe, expect, it } from "vitest";
import { crc32 } from "./crc32";
import { adrFileName, exportDecision, exportDecisionArchive, slug } from "./export-decision";
import { interpretBoard } from "./interpret";
import { strategyBoard } from "./testing/fixture-board";
import { dosDateTime, zipStore } from "./zip";

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const at = new Date("2026-11-22T09:00:07Z");
const dir = mkdtempSync(join(tmpdir(), "quadrant-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the archive and asks Debian's unzip about it. */
function unzip(bytes: Uint8Array, ...args: string[]): string {
  const file = join(dir, `${crc32(bytes).toString(16)}.zip`);
  writeFileSync(file, bytes);
  return execFileSync("unzip", [...args.slice(0, 1), file, ...args.slice(1)], { encoding: "utf8" });
}

/** Reads the central directory back: name, sizes, CRC and where each entry's data is. */
function readCentralDirectory(zip: Uint8Array): { name: string; crc: number; size: number; data: Uint8Array }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(p, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(p + 28, true);
    const size = view.getUint32(p + 24, true);
    const local = view.getUint32(p + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name: decode(zip.slice(p + 46, p + 46 + nameLength)), crc: view.getUint32(p + 16, true), size, data: zip.slice(start, start + size) });
    p += 46 + nameLength;
  }
  return out;
}

describe("ZIP writer (RULE 31)", () => {
  it("CRC-32 matches the standard check values", () => {
    expect(crc32(encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(encode("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
  });

  it("MS-DOS time: UTC, two-second steps; before 1980 is 1980-01-01", () => {
    expect(dosDateTime(at)).toEqual({ date: ((2026 - 1980) << 9) | (11 << 5) | 22, time: (9 << 11) | (0 << 5) | 3 });
    expect(dosDateTime(new Date(0))).toEqual({ date: (1 << 5) | 1, time: 0 });
  });

  it("unzip lists, tests and extracts what it wrote, UTF-8 names and empty files included", () => {
    const files = [
      { name: "ADR-001-a.md", data: encode("# ADR-001: ä\n") },
      { name: "notes/Überblick.md", data: encode("x".repeat(70_000)) },
      { name: "empty.md", data: new Uint8Array() },
    ];
    const zip = zipStore(files, at);
    expect(unzip(zip, "-Z1").trim().split("\n")).toEqual(files.map((f) => f.name));
    expect(unzip(zip, "-tq")).toMatch(/No errors detected/);
    expect(unzip(zip, "-p", "ADR-001-a.md")).toBe("# ADR-001: ä\n");
    expect(unzip(zip, "-p", "notes/Überblick.md")).toHaveLength(70_000);
    const listing = unzip(zip, "-ZT").split("\n").find((l) => l.includes("ADR-001-a.md"));
    expect(listing).toMatch(/^-rw-r--r-- .* 20261122\.090006 ADR-001-a\.md$/);
  });

  it("the central directory reads back to the entries, with their CRC-32", () => {
    const files = [{ name: "a.md", data: encode("alpha") }, { name: "b.md", data: encode("beta") }];
    const entries = readCentralDirectory(zipStore(files, at));
    expect(entries.map((e) => [e.name, decode(e.data), e.size, e.crc])).toEqual(files.map((f) => [f.name, decode(f.data), f.data.length, crc32(f.data)]));
  });

  it("an empty archive is the end record alone; unsafe or duplicate names are refused", () => {
    expect([...zipStore([], at)]).toEqual([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    for (const name of ["", "/etc/passwd", "../up.md", "a/../../b", "a\\b", "tab\there"]) {
      expect(() => zipStore([{ name, data: new Uint8Array() }], at), name).toThrow(/unsafe/);
    }
    expect(() => zipStore([{ name: "a", data: new Uint8Array() }, { name: "a", data: new Uint8Array() }], at)).toThrow(/duplicate/);
  });
});

describe("the ADR archive (RULE 31)", () => {
  const meta = { title: "Platform strategy 2027", exportedAt: at };

  it("file names are ADR-001-<slug>.md", () => {
    expect(slug("Build SSO before RBAC")).toBe("build-sso-before-rbac");
    expect(slug("Ünïcode & «quotes» / slashes")).toBe("unicode-quotes-slashes");
    expect(slug("   ")).toBe("decision");
    expect(slug("日本語")).toBe("decision");
    expect(slug("a".repeat(59) + " bcd")).toBe("a".repeat(59));
    const { board } = strategyBoard();
    expect(interpretBoard(parseBoard(board.snapshot)).decisions.map(adrFileName)).toEqual([
      "ADR-001-build-sso-before-rbac.md",
      "ADR-002-adopt-trunk-based-development.md",
      "ADR-003-trunk-based-development-with-short-lived-branches.md",
    ]);
  });

  it("holds every ADR, each the same text as exportDecision", () => {
    const { board } = strategyBoard();
    const view = interpretBoard(parseBoard(board.snapshot));
    const entries = readCentralDirectory(exportDecisionArchive(view, meta));
    expect(entries.map((e) => e.name)).toEqual(view.decisions.map(adrFileName));
    entries.forEach((e, i) => expect(decode(e.data)).toBe(exportDecision(view, i + 1, meta)));
  });

  it("two ADRs with one number and title both survive: the later file gets -2", () => {
    const { board } = strategyBoard();
    const twin = { ...board.snapshot.records["dec-1"], id: "dec-1b", decision: "The twin" };
    board.snapshot.records["dec-1b"] = twin;
    const view = interpretBoard(parseBoard(board.snapshot));
    const entries = readCentralDirectory(exportDecisionArchive(view, meta));
    expect(entries.map((e) => e.name).slice(0, 2)).toEqual(["ADR-001-build-sso-before-rbac.md", "ADR-001-build-sso-before-rbac-2.md"]);
    expect(decode(entries[1]?.data ?? new Uint8Array())).toContain("The twin");
  });
});
