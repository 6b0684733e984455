/**
 * RULE 17: note text in the Markdown brief is inert. Line breaks become spaces (a note cannot
 * open a heading or a new table row); `&`, `<`, `>` become HTML entities (no raw HTML); the
 * Markdown punctuation \ ` * _ { } [ ] ( ) # + ! | ~ is backslash-escaped (no emphasis, links,
 * images, code or table cells); a leading `-`, `>` or `1.`-style marker is escaped too; other
 * control characters are removed.
 */
export function escapeMarkdown(text: string): string {
  // Control characters carry no meaning in a brief (CommonMark turns NUL into U+FFFD): gone.
  const oneLine = text
    .replace(/\r\n?|\n/g, " ")
    .replace(/\s+/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
  const escaped = oneLine
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`);
  return escaped.replace(/^-/, "\\-").replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * What a spreadsheet may read as the start of a formula (OWASP, ASVS 1.2.10): = + - @, tab, CR, LF and
 * NUL first; the same signs after leading spaces (some importers trim them) or in their full-width forms
 * (which East Asian input methods type and some spreadsheets fold to ASCII).
 */
const FORMULA_START = /^[\t\r\n\0]|^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** RULE 18: a CSV cell. Text that a spreadsheet would run as a formula is prefixed with `'`. */
export function csvText(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** Numbers we computed ourselves are written as numbers (a negative priority stays a number). */
export function csvNumber(value: number | null): string {
  return value === null ? "" : String(value);
}

export function formatScore(n: number | null): string {
  return n === null ? "–" : n.toFixed(1);
}

export function formatPriority(n: number | null): string {
  return n === null ? "–" : String(n);
}
