/** Cell formatting and two renderings of one table: aligned text for the terminal, Markdown for the docs. */
export type Cell = string | number | null;

export function fmt(v: Cell, digits = 1): string {
  if (v === null) return "–";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "–";
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString("en-US");
  return v.toFixed(digits);
}

/** ours / baseline; "–" when either is missing or the baseline is zero. */
export function ratio(ours: number | null, base: number | null): string {
  if (ours === null || base === null || !Number.isFinite(ours) || !Number.isFinite(base) || base === 0) return "–";
  return `${(ours / base).toFixed(2)}×`;
}

export function textTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => fmt(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(cells[0] ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Columns before `textColumns` are left-aligned (names, sentences), the rest right-aligned (figures). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[], textColumns = 1): string {
  const head = `| ${headers.join(" | ")} |`;
  const sep = `|${headers.map((_, i) => (i < textColumns ? "---" : "---:")).join("|")}|`;
  return [head, sep, ...rows.map((r) => `| ${r.map((c) => fmt(c)).join(" | ")} |`)].join("\n");
}

/** Reads a number at a dotted path of a loosely typed load result; null when absent. */
export function num(obj: unknown, path: string): number | null {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (typeof cur !== "object" || cur === null || !(key in cur)) return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === "number" ? cur : null;
}
