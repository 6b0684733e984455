import { escapeMarkdown as md } from "./escape";

/** Multi-line text (criteria, context) as one "; "-separated line, before RULE 17 escaping. */
export function joinLines(value: string): string {
  return value
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("; ");
}

/** `- **Label:** text`, or null when there is no text: RULE 30 leaves unset fields out. */
export function field(label: string, value: string): string | null {
  // Checked after escaping: text of nothing but control characters is empty too.
  const text = md(joinLines(value));
  return text === "" ? null : `- **${label}:** ${text}`;
}

/** A labelled list item whose value we wrote ourselves (already Markdown), null when empty. */
export function rawField(label: string, markdown: string): string | null {
  return markdown === "" ? null : `- **${label}:** ${markdown}`;
}

/** The present lines of a list, in order. */
export function present(lines: readonly (string | null)[]): string[] {
  return lines.filter((l): l is string => l !== null);
}

/** `## Title`, a blank line, the body and a blank line; nothing at all when the body is empty (RULE 30). */
export function section(heading: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : [heading, "", ...body, ...(body[body.length - 1] === "" ? [] : [""])];
}

/** A Markdown table; every cell is already escaped (RULE 17), so none can add a column. */
export function table(header: readonly string[], align: readonly ("l" | "r")[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), `|${align.map((a) => (a === "r" ? "---:" : "---")).join("|")}|`, ...rows.map(line)];
}
