import { readFileSync, writeFileSync } from "node:fs";
import { parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { csvText, escapeMarkdown } from "./escape";
import { exportBoard } from "./export-board";
import { strategyBoard } from "./testing/fixture-board";

const exportedAt = new Date("2026-11-22T09:00:00Z");
const golden = (name: string) => new URL(`../__golden__/${name}`, import.meta.url);

/** Set UPDATE_GOLDEN=1 to rewrite the files after an intended change; review the diff. */
function matchGolden(name: string, actual: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), "utf8"));
}

function exportFixture(format: "md" | "csv" | "json") {
  const { board, votes } = strategyBoard();
  return exportBoard(format, { snapshot: board.snapshot, title: "Platform strategy 2027", template: "impact-effort", exportedAt, votes }).body;
}

describe("exports", () => {
  it("golden: the Markdown strategy brief of the fixture board", () => {
    matchGolden("brief.md", exportFixture("md"));
  });

  it("golden: the CSV of the fixture board", () => {
    matchGolden("board.csv", exportFixture("csv"));
  });

  it("the brief carries the formula example with its score, quadrant and votes", () => {
    const md = exportFixture("md");
    expect(md).toMatch(/\| 2 \| SSO for enterprise \| Quick Wins \| 9\.0 \| 5\.0 \| 8\.0 \| 6\.0 \| 17\.5 \| 4 \|/);
  });

  it("RULE 17: note text cannot inject HTML, Markdown or table cells", () => {
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
    expect(escapeMarkdown("a | b")).toBe("a \\| b");
    expect(escapeMarkdown("[x](javascript:alert(1))")).toBe("\\[x\\]\\(javascript:alert\\(1\\)\\)");
    expect(escapeMarkdown("# heading\n| row |")).toBe("\\# heading \\| row \\|");
    expect(escapeMarkdown("- item")).toBe("\\- item");
    expect(escapeMarkdown("1. first")).toBe("1\\. first");
    expect(escapeMarkdown("*bold* _em_ `code` ~~s~~")).toBe("\\*bold\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~");
    const md = exportFixture("md");
    expect(md).not.toMatch(/<script/);
    // every table row of the initiatives has exactly 12 unescaped pipes (11 columns)
    for (const line of md.split("\n").filter((l) => l.startsWith("| ") && /^\| \d/.test(l))) {
      expect(line.replace(/\\\|/g, "").split("|").length - 1).toBe(12);
    }
  });

  it("RULE 18: CSV quoting, formula neutralising, BOM and CRLF", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
    for (const danger of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvText(danger).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    const csv = exportFixture("csv");
    expect(csv.startsWith("\uFEFFid,text,template,zone,theme,impact,effort,urgency,risk,priority,votes,author,origin\r\n")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(",'@mallory,");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("every note of the board is one CSV row", () => {
    const { board, votes } = strategyBoard();
    const notes = parseBoard(board.snapshot);
    const rows = exportFixture("csv").trimEnd().split("\r\n").length - 1;
    expect(notes.problems).toEqual([]);
    expect(rows).toBe(15);
    expect(votes.size).toBe(3);
  });
});
