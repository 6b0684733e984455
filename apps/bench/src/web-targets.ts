import { BLOCK_END, BLOCK_START } from "./docs-block";
import type { TargetCheck } from "./results";

/** Issue 17 target 6, as apps/web/e2e/bench-board.ts writes it into docs/web-performance.md: which row, which figure. */
const WEB_TARGETS = [
  { row: "**ratio**", column: "p50", target: "6. web: open a board ≤ 1.15× bare Excalidraw (ratio of medians)" },
  { row: "remote edit", column: "p95", target: "6. web: remote edit → frame p95 ≤ 16 ms" },
] as const;

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim().replace(/\*\*/g, ""));

/**
 * Target 6 is measured in Chromium by the web bench, not by this one; its verdicts are read from the
 * generated block of docs/web-performance.md so the server run's target table lists every target.
 * Null when the block or a row is not there (the table then says "not measured").
 */
export function webTargets(webDoc: string, docName: string): TargetCheck[] | null {
  const start = webDoc.indexOf(BLOCK_START);
  const end = start < 0 ? -1 : webDoc.indexOf(BLOCK_END, start);
  if (end < 0) return null;
  const lines = webDoc.slice(start, end).split("\n");
  const ran = /Run on (\d{4}-\d\d-\d\d \d\d:\d\d UTC)/.exec(lines.join("\n"))?.[1] ?? "date unknown";
  const checks: TargetCheck[] = [];
  for (const want of WEB_TARGETS) {
    const i = lines.findIndex((l) => l.startsWith("|") && l.includes(want.row));
    // The header is the nearest table line above the separator line above the row.
    const header = lines.slice(0, Math.max(0, i)).reverse().find((l, k, above) => l.startsWith("| ") && above[k - 1]?.startsWith("|---"));
    if (i < 0 || !header) return null;
    const names = cellsOf(header);
    const row = cellsOf(lines[i] ?? "");
    const figure = row[names.indexOf(want.column)];
    const verdict = row[names.indexOf("verdict")] ?? "";
    if (!figure || !/met/.test(verdict)) return null;
    checks.push({ target: want.target, measured: `${figure} (${docName}, run ${ran})`, met: !/not met/.test(verdict) });
  }
  return checks;
}
