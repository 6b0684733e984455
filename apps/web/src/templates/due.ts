import { Due } from "@quadrant/board-model";

/** How a due value is entered: a quarter from the list, a calendar date, or nothing yet. */
export type DueKind = "none" | "quarter" | "date";

const QUARTER = /^\d{4}-Q[1-4]$/;

export function dueKind(value: string): DueKind {
  if (value === "") return "none";
  return QUARTER.test(value) ? "quarter" : "date";
}

/**
 * The quarters offered in a due select: every quarter of this year and the next `years - 1`
 * (2027-Q1 … 2028-Q4 in 2027). A value already set outside that span (a past quarter, one
 * typed years ahead) is kept in the list, so opening the select never changes it.
 * `now` is passed in (house rule 7); the year is the local one, as the person sees it.
 */
export function quarterOptions(now: number, current: string, years = 2): string[] {
  const first = new Date(now).getFullYear();
  const options: string[] = [];
  for (let y = first; y < first + years; y++) for (let q = 1; q <= 4; q++) options.push(`${y}-Q${q}`);
  if (QUARTER.test(current) && !options.includes(current)) {
    options.push(current);
    options.sort();
  }
  return options;
}

/** What an owner/due editor's raw text becomes: a valid Due, "" to clear it, or null when invalid. */
export function parseDue(raw: string): Due | "" | null {
  const value = raw.trim();
  if (value === "") return "";
  const parsed = Due.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** yyyy-mm-dd of `now` in local time (an ADR's date is the day people saw). */
export function localIsoDate(now: number): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
