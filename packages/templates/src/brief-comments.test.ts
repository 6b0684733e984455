import { describe, expect, it } from "vitest";
import type { ExportedThread } from "@quadrant/facilitation";
import { parseBoard } from "@quadrant/board-model";
import { exportBoard } from "./export-board";
import { interpretBoard } from "./interpret";
import { strategyBoard } from "./testing/fixture-board";

const exportedAt = new Date("2026-11-22T09:00:00Z");

function exportWith(format: "md" | "csv", comments: (ids: Record<string, string>, themeFrame: string) => ExportedThread[]) {
  const { board, votes, participants, ids } = strategyBoard();
  const theme = parseBoard(board.snapshot).records.find((r) => r.kind === "theme" && r.name === "Enterprise-ready platform");
  if (theme?.kind !== "theme") throw new Error("no theme");
  const input = { snapshot: board.snapshot, title: "T", template: "impact-effort" as const, exportedAt, votes, participants };
  return exportBoard(format, { ...input, comments: comments(ids, theme.frameId) }).body;
}

const thread = (elementId: string | null, texts: [string, string][], resolved = false): ExportedThread => ({
  elementId,
  resolved,
  messages: texts.map(([author, text], i) => ({ author, text, at: i })),
});

describe("RULE 37: comments in the brief and the CSV", () => {
  it("each thread sits under its item: initiative, SWOT item, theme; the rest and board points under Comments", () => {
    const md = exportWith("md", (ids, themeFrame) => [
      thread(ids["sso"]!, [["Ann", "Why a Quick Win?"], ["Bo", "@Ann effort is low"]]),
      thread(ids["strengths"]!, [["Cy", "Which customers?"]], true),
      thread(themeFrame, [["Dana", "SOC 2 first"]]),
      thread(null, [["Eve", "Where is **mobile**?"]]),
    ]);
    const lines = md.split("\n");
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    // Under the ranked list, named by rank; the reply nested under the first message.
    expect(lines.slice(at("**Comments on 2. SSO for enterprise**"), at("**Comments on 2. SSO for enterprise**") + 4)).toEqual([
      "**Comments on 2. SSO for enterprise**",
      "",
      "- **Ann:** Why a Quick Win?",
      "  - **Bo:** @Ann effort is low",
    ]);
    expect(at("**Comments on")).toBeGreaterThan(at("## Prioritized initiatives"));
    expect(at("**Comments on")).toBeLessThan(at("## Roadmap"));
    // Nested under its SWOT item, marked resolved.
    expect(lines[at("- Loyal customers") + 1]).toBe("  - **Cy:** Which customers? _(resolved)_");
    // Under its theme's fields, before the next theme.
    expect(lines[at("  - **Dana:** SOC 2 first") - 1]).toBe("- **Comments:**");
    expect(at("  - **Dana:** SOC 2 first")).toBeGreaterThan(at("### 2. Enterprise-ready platform"));
    expect(at("  - **Dana:** SOC 2 first")).toBeLessThan(at("## SWOT"));
    // A point of the board: its own section, text escaped (RULE 17).
    expect(lines.slice(at("## Comments"), at("## Comments") + 5)).toEqual([
      "## Comments",
      "",
      "**On the board**",
      "",
      "- **Eve:** Where is \\*\\*mobile\\*\\*?",
    ]);
    expect(at("## Comments")).toBeLessThan(at("## Who took part"));
  });

  it("a note no section shows is named in Comments; a removed element too; no threads, no section (RULE 30)", () => {
    const none = exportWith("md", () => []);
    expect(none).not.toContain("## Comments");
    expect(none).not.toContain("**Comments on");
    const { board } = strategyBoard();
    const unthemed = interpretBoard(parseBoard(board.snapshot)).unthemed.find((n) => n.text === "Dark mode");
    const md = exportWith("md", () => [thread(unthemed!.id, [["Ann", "later?"]]), thread("gone-element", [["Bo", "x"]])]);
    const lines = md.split("\n");
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at("**On the note “Dark mode”**")).toBeGreaterThan(at("## Comments"));
    expect(lines[at("**On the note “Dark mode”**") + 2]).toBe("- **Ann:** later?");
    expect(lines[at("**On a shape or a removed item**") + 2]).toBe("- **Bo:** x");
  });

  it("CSV: a comments column counts the messages pinned on each note", () => {
    const csv = exportWith("csv", (ids) => [
      thread(ids["sso"]!, [["Ann", "a"], ["Bo", "b"]]),
      thread(ids["sso"]!, [["Cy", "c"]]),
      thread(ids["ci"]!, [["Cy", "d"]]),
    ]);
    const rows = csv.trimEnd().split("\r\n").map((r) => r.split(","));
    const comments = rows[0]!.indexOf("comments");
    expect(comments).toBe(rows[0]!.length - 1);
    const byText = new Map(rows.slice(1).map((r) => [r[1], r[comments]]));
    expect(byText.get("SSO for enterprise")).toBe("3");
    expect(byText.get("Fix flaky CI")).toBe("1");
    expect(byText.get("Legacy monolith")).toBe("0");
  });
});
