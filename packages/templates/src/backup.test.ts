import { parseBoard, snapshotBoard, writeSnapshot } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exportBackup, importBackup, safeLink } from "./backup";
import { strategyBoard } from "./testing/fixture-board";

const meta = { title: "Platform strategy", template: "swot" as const, exportedAt: new Date("2026-11-22T09:00:00Z") };

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

  it("RULE 21: files must be images whose dataURL matches their type; keys must match ids", () => {
    const b = backupJson();
    b["files"] = { f1: { id: "f1", mimeType: "text/html", dataURL: "data:text/html;base64,PHNjcmlwdD4=", created: 1 } };
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/files\.f1\.mimeType/) });
    b["files"] = { f1: { id: "f1", mimeType: "image/png", dataURL: "data:text/html;base64,PHNjcmlwdD4=", created: 1 } };
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/files\.f1\.dataURL/) });
    b["files"] = { f1: { id: "f2", mimeType: "image/png", dataURL: "data:image/png;base64,iVBO", created: 1 } };
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/files\.f1: key does not match/) });
    b["files"] = {};
    const elements = b["elements"] as Record<string, unknown>;
    const [k] = Object.keys(elements);
    elements["other"] = elements[k ?? ""];
    expect(importBackup(b)).toEqual({ ok: false, message: expect.stringMatching(/elements\.other: key does not match/) });
  });
});
