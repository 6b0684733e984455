import { readFileSync, writeFileSync } from "node:fs";
import { parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { csvText, escapeMarkdown } from "./escape";
import { exportBoard, exportOneDecision } from "./export-board";
import { exportMarkdown } from "./export-markdown";
import { interpretBoard } from "./interpret";
import { FixtureBoard, strategyBoard, FULL_BRIEF_HEADINGS } from "./testing/fixture-board";

const exportedAt = new Date("2026-11-22T09:00:00Z");
const golden = (name: string) => new URL(`../__golden__/${name}`, import.meta.url);

/** Set UPDATE_GOLDEN=1 to rewrite the files after an intended change; review the diff. */
function matchGolden(name: string, actual: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), "utf8"));
}

function exportFixture(format: "md" | "csv" | "json") {
  const { board, votes, participants } = strategyBoard();
  return exportBoard(format, { snapshot: board.snapshot, title: "Platform strategy 2027", template: "impact-effort", exportedAt, votes, participants }).body;
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
    // every table row of the initiatives has exactly 15 unescaped pipes (14 columns)
    const rows = md.split("\n").filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(6);
    for (const line of rows) {
      expect(line.replace(/\\\|/g, "").split("|").length - 1).toBe(15);
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
    expect(csv.startsWith("\uFEFFid,text,template,zone,theme,impact,effort,urgency,risk,priority,votes,author,origin,owner,due,status,health_origin,comments\r\n")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(",'@mallory,");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("every note of the board is one CSV row", () => {
    const { board, votes } = strategyBoard();
    const notes = parseBoard(board.snapshot);
    const rows = exportFixture("csv").trimEnd().split("\r\n").length - 1;
    expect(notes.problems).toEqual([]);
    expect(rows).toBe(17);
    expect(votes.size).toBe(3);
  });
});

/** RULE 30: what no section of any brief may contain. */
function expectNoHollowText(md: string): void {
  const lines = md.split("\n");
  lines.forEach((line, i) => {
    if (!/^#{1,6} /.test(line)) return;
    // a heading is followed by a blank line and then content, never by the next heading or the end
    const next = lines.slice(i + 1).find((l) => l.trim() !== "");
    expect(next, `heading "${line}" has nothing under it`).toBeDefined();
    const level = /^#+/.exec(line)?.[0].length ?? 0;
    const nextLevel = /^#+ /.test(next ?? "") ? (/^#+/.exec(next ?? "")?.[0].length ?? 0) : 7;
    expect(nextLevel, `heading "${line}" is empty`).toBeGreaterThan(level);
  });
  expect(md).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
  // a label with nothing after it must open a nested list
  lines.forEach((line, i) => {
    if (/^- \*\*[^*]+:\*\* *$/.test(line)) expect(lines[i + 1], `"${line}" is empty`).toMatch(/^  - \S/);
  });
}

describe("the strategy brief (issue 14)", () => {
  const meta = { title: "Platform strategy 2027", exportedAt };

  it("golden: every section of the full board is filled, in the strategy document's order (RULE 30)", () => {
    const md = exportFixture("md");
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(FULL_BRIEF_HEADINGS);
    expectNoHollowText(md);
  });

  it("golden: an empty board is its title and one line, with no empty heading, undefined or null (RULE 30)", () => {
    const empty = exportBoard("md", { snapshot: new FixtureBoard().snapshot, title: "Empty", template: "blank", exportedAt }).body;
    matchGolden("brief-empty.md", empty);
    expectNoHollowText(empty);
    expect(empty.split("\n").filter((l) => l.startsWith("#"))).toEqual(["# Strategy brief: Empty"]);
  });

  it("RULE 30: templates with nothing in them give one clear line or nothing, never an empty heading", () => {
    const b = new FixtureBoard();
    b.addTemplate("impact-effort", 0, 0, 900, 900);
    b.addTemplate("swot", 1000, 0, 800, 800);
    b.addTemplate("health-scorecard", 2000, 0, 900, 900);
    b.addTemplate("theme-map", 0, 1000, 900, 900);
    b.addRecord({ kind: "summary", id: "summary:vision", field: "vision", text: "  " });
    b.addRecord({ kind: "principle", id: "p", order: 1, title: "", meaning: "" });
    const md = exportMarkdown(interpretBoard(parseBoard(b.snapshot)), { ...meta, participants: [] });
    expectNoHollowText(md);
    expect(md).toContain("_No initiatives on the matrix yet._");
    expect(md).toContain("| Security | not rated |  |  |  |");
    for (const gone of ["## Executive summary", "## Technical principles", "## Roadmap", "## Who took part", "## Strategic themes"]) {
      expect(md).not.toContain(gone);
    }
  });

  it("RULE 13 and 28: the roadmap leaves out Time Sinks and dropped notes; the ranked list keeps them, marked", () => {
    const { board, votes, ids } = strategyBoard();
    const view = interpretBoard(parseBoard(board.snapshot), votes);
    const scheduled = Object.values(view.roadmap).flat().map((n) => n.id);
    expect(scheduled).not.toContain(ids["billing"]);
    expect(scheduled).not.toContain(ids["html"]);
    expect(view.ranked.map((n) => n.id)).toContain(ids["billing"]);
    expect(view.ranked.map((n) => n.id)).toContain(ids["html"]);
    expect(exportFixture("md")).toMatch(/\| Rewrite billing \\\| v2 \|.*\| dropped \|$/m);
  });

  it("golden: one ADR alone (RULE 31), the same text as its section of the brief", () => {
    const { board, votes } = strategyBoard();
    const input = { snapshot: board.snapshot, title: "Platform strategy 2027", template: "impact-effort" as const, exportedAt, votes };
    const one = exportOneDecision(input, 1);
    if (!one) throw new Error("no ADR-001");
    expect(one.contentType).toBe("text/markdown; charset=utf-8");
    matchGolden("adr-001.md", one.body);
    expectNoHollowText(one.body);
    const brief = exportFixture("md");
    const inBrief = brief.slice(brief.indexOf("### ADR-001"), brief.indexOf("### ADR-002"));
    expect(one.body.replace(/^# ADR-001.*\n\n_From .*_\n\n/, "")).toBe(inBrief.replace(/^### ADR-001.*\n\n/, "").replace(/\n+$/, "\n"));
    expect(exportOneDecision(input, 4)).toBeNull();
  });
});
