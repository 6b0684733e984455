import { parseBoard, snapshotBoard, writeSnapshot } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exportBackup, importBackup, safeLink } from "./backup";
import { strategyBoard } from "./testing/fixture-board";

const meta = { title: "Platform strategy", template: "swot" as const, exportedAt: new Date("2026-11-22T09:00:00Z") };

/** A 1×1 PNG. */
const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function backupJson(): Record<string, unknown> {
  const { board } = strategyBoard();
  return JSON.parse(JSON.stringify(exportBackup(board.snapshot, meta))) as Record<string, unknown>;
}

describe("JSON backup", () => {
  it("round-trips: export → JSON → import → new doc holds the same contents", () => {
    const { board } = strategyBoard();
    const imported = importBackup(JSON.parse(JSON.stringify(exportBackup(board.snapshot, meta))));
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.backup.board).toEqual({ title: "Platform strategy", template: "swot" });
    const doc = new Y.Doc();
    writeSnapshot(doc, imported.snapshot);
    expect(snapshotBoard(doc)).toEqual(board.snapshot);
    expect(parseBoard(snapshotBoard(doc)).problems).toEqual([]);
  });

  it("round-trips every outcome record and note field of issue 14 unchanged", () => {
    const { board, ids } = strategyBoard();
    const imported = importBackup(JSON.parse(JSON.stringify(exportBackup(board.snapshot, meta))));
    if (!imported.ok) throw new Error(imported.message);
    const parsed = parseBoard(imported.snapshot);
    expect(parsed.problems).toEqual([]);
    const kinds = parsed.records.map((r) => r.kind);
    for (const kind of ["summary", "principle", "decision", "action", "health", "theme", "pairing", "vision"] as const) {
      expect(kinds, kind).toContain(kind);
    }
    expect(parsed.records.filter((r) => r.kind === "summary")).toHaveLength(8);
    expect(parsed.records.filter((r) => r.kind === "health")).toHaveLength(6);
    expect(imported.snapshot.records).toEqual(board.snapshot.records);
    expect(imported.snapshot.notes[ids["sso"] ?? ""]).toMatchObject({ owner: "Bo", due: "2027-Q1" });
    expect(imported.snapshot.notes[ids["billing"] ?? ""]).toMatchObject({ dropped: { reason: "The vendor's billing covers us until 2028" } });
    expect(imported.snapshot.notes[ids["carried"] ?? ""]).toEqual({ healthOrigin: { templateId: ids["scorecard"], dimension: "security", rating: 2 } });
    expect(imported.snapshot.templates[ids["scorecard"] ?? ""]).toMatchObject({ kind: "health-scorecard" });
  });

  it("a backup with an invalid outcome field is refused, naming it (zod at the boundary)", () => {
    const b = backupJson();
    const records = b["records"] as Record<string, Record<string, unknown>>;
    (records["dec-1"] as Record<string, unknown>)["status"] = "maybe";
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/records\.dec-1.*status/) });
    const n = backupJson();
    const notes = n["notes"] as Record<string, Record<string, unknown>>;
    const first = Object.keys(notes)[0] ?? "";
    (notes[first] as Record<string, unknown>)["due"] = "next spring";
    expect(importBackup(n)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`notes\\.${first}.*due`)) });
  });

  it("RULE 19: an unknown field is rejected with a message naming it", () => {
    const top = { ...backupJson(), extra: 1 };
    expect(importBackup(top)).toEqual({ ok: false, message: expect.stringMatching(/extra/) });
    const b = backupJson();
    const elements = b["elements"] as Record<string, Record<string, unknown>>;
    const first = Object.keys(elements)[0] ?? "";
    (elements[first] as Record<string, unknown>)["onclick"] = "alert(1)";
    const r = importBackup(b);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(new RegExp(`elements\\.${first}.*onclick`));
    const n = backupJson();
    (n["notes"] as Record<string, Record<string, unknown>>)["x"] = { urgency: 3, secret: true };
    expect(importBackup(n)).toEqual({ ok: false, message: expect.stringMatching(/notes\.x.*secret/) });
  });

  it("RULE 19: wrong format, version or types are rejected", () => {
    expect(importBackup({ ...backupJson(), version: 2 }).ok).toBe(false);
    expect(importBackup({ ...backupJson(), format: "excalidraw" }).ok).toBe(false);
    expect(importBackup("not an object").ok).toBe(false);
    expect(importBackup(null).ok).toBe(false);
  });

  it("RULE 20: javascript:, data: and unknown-scheme links are dropped; http(s), mailto and paths kept", () => {
    expect(safeLink("javascript:alert(1)")).toBeNull();
    expect(safeLink("  JavaScript:alert(1)")).toBeNull();
    expect(safeLink("\u0001javascript:alert(1)")).toBeNull();
    expect(safeLink("data:text/html,<script>")).toBeNull();
    expect(safeLink("vbscript:x")).toBeNull();
    expect(safeLink("//evil.example")).toBeNull();
    expect(safeLink("https://example.com/a")).toBe("https://example.com/a");
    expect(safeLink("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(safeLink("/boards/x")).toBe("/boards/x");
    const b = backupJson();
    const elements = b["elements"] as Record<string, Record<string, unknown>>;
    const [k1, k2] = Object.keys(elements);
    (elements[k1 ?? ""] as Record<string, unknown>)["link"] = "javascript:alert(1)";
    (elements[k2 ?? ""] as Record<string, unknown>)["link"] = "https://example.com";
    const r = importBackup(b);
    if (!r.ok) throw new Error(r.message);
    expect(r.snapshot.elements[k1 ?? ""]?.["link"]).toBeNull();
    expect(r.snapshot.elements[k2 ?? ""]?.["link"]).toBe("https://example.com");
  });

  it("RULE 21: files that are not raster images of their declared type are dropped; keys must match ids", () => {
    const b = backupJson();
    b["files"] = {
      ok: { id: "ok", mimeType: "image/png", dataURL: PNG, created: 1 },
      html: { id: "html", mimeType: "text/html", dataURL: "data:text/html;base64,PHNjcmlwdD4=", created: 1 },
      svg: { id: "svg", mimeType: "image/svg+xml", dataURL: `data:image/svg+xml;base64,${btoa("<svg onload=alert(1)/>")}`, created: 1 },
      mismatch: { id: "mismatch", mimeType: "image/png", dataURL: "data:text/html;base64,PHNjcmlwdD4=", created: 1 },
      polyglot: { id: "polyglot", mimeType: "image/png", dataURL: `data:image/png;base64,${btoa("<html><script>alert(1)</script>")}`, created: 1 },
      notBase64: { id: "notBase64", mimeType: "image/gif", dataURL: "data:image/gif;base64,R0lGODlh<script>", created: 1 },
      // A PNG signature followed by 9 MB of zeros.
      huge: { id: "huge", mimeType: "image/png", dataURL: `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${"A".repeat(12_000_000)}`, created: 1 },
    };
    const r = importBackup(b);
    if (!r.ok) throw new Error(r.message);
    expect(Object.keys(r.snapshot.files)).toEqual(["ok"]);
    expect(r.dropped).toEqual([
      "files.html: not a raster image (text/html)",
      "files.svg: not a raster image (image/svg+xml)",
      "files.mismatch: dataURL is not a base64 data URL of the file's own type",
      "files.polyglot: content is not image/png",
      "files.notBase64: dataURL is not valid base64",
      "files.huge: image larger than 8388608 bytes",
    ]);
    b["files"] = { f1: { id: "f2", mimeType: "image/png", dataURL: PNG, created: 1 } };
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/files\.f1: key does not match/) });
    b["files"] = {};
    const elements = b["elements"] as Record<string, unknown>;
    const [k] = Object.keys(elements);
    elements["other"] = elements[k ?? ""];
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/elements\.other: key does not match/) });
  });

  it("RULE 20: embeds keep only https sources; iframe elements lose their generated HTML", () => {
    const b = backupJson();
    const elements = b["elements"] as Record<string, Record<string, unknown>>;
    const base = Object.values(elements)[0] ?? {};
    const embed = (id: string, link: string) => ({ ...base, id, type: "embeddable", link });
    elements["e1"] = embed("e1", "https://www.youtube.com/embed/x");
    elements["e2"] = embed("e2", "http://example.com");
    elements["e3"] = embed("e3", "/api/boards/x/export?format=json");
    elements["e4"] = embed("e4", " javascript:alert(1)");
    elements["e5"] = embed("e5", "data:text/html,<script>alert(1)</script>");
    elements["i1"] = { ...base, id: "i1", type: "iframe", link: null, customData: { generationData: { status: "done", html: "<script>alert(1)</script>" }, keep: 1 } };
    const r = importBackup(b);
    if (!r.ok) throw new Error(r.message);
    expect(["e1", "e2", "e3", "e4", "e5"].map((id) => r.snapshot.elements[id]?.["link"])).toEqual(["https://www.youtube.com/embed/x", null, null, null, null]);
    expect(r.snapshot.elements["i1"]?.["customData"]).toEqual({ keep: 1 });
    expect(r.dropped).toEqual(["e2", "e3", "e4", "e5"].map((id) => `elements.${id}.link: unsafe link removed`));
  });

  it("RULE 22: elements of absurd size or position are dropped, the rest of the board kept", () => {
    const b = backupJson();
    const elements = b["elements"] as Record<string, Record<string, unknown>>;
    const count = Object.keys(elements).length;
    const base = Object.values(elements)[0] ?? {};
    elements["far"] = { ...base, id: "far", x: 1e12 };
    elements["wide"] = { ...base, id: "wide", width: 1e9 };
    elements["font"] = { ...base, id: "font", type: "text", text: "x", fontSize: 1e7 };
    elements["scribble"] = { ...base, id: "scribble", type: "freedraw", points: Array.from({ length: 100_001 }, () => [0, 0]) };
    elements["spike"] = { ...base, id: "spike", type: "line", points: [[0, 0], [0, 1e300]] };
    const r = importBackup(b);
    if (!r.ok) throw new Error(r.message);
    expect(Object.keys(r.snapshot.elements)).toHaveLength(count);
    expect(r.dropped.map((d) => d.split(":")[0])).toEqual(["elements.far", "elements.wide", "elements.font", "elements.scribble", "elements.spike"]);
  });

  it("RULES 20–22 apply to exports too: what is exported can be imported", () => {
    const { board } = strategyBoard();
    const snapshot = structuredClone(board.snapshot);
    snapshot.files["svg"] = { id: "svg", mimeType: "image/svg+xml", dataURL: `data:image/svg+xml;base64,${btoa("<svg/>")}`, created: 1 };
    const first = Object.keys(snapshot.elements)[0] ?? "";
    snapshot.elements[first] = { ...snapshot.elements[first], link: "javascript:alert(1)" };
    const exported = exportBackup(snapshot, meta);
    expect(exported.files["svg"]).toBeUndefined();
    expect(exported.elements[first]?.link).toBeNull();
  });
});
