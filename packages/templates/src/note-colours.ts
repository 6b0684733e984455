/** How notes are coloured on a board; the facilitator chooses (facilitation state `noteColours`). */
export type NoteColourMode = "category" | "author";

/** The template default: a yellow sticky (also notes outside every zone, "to be placed"). */
export const DEFAULT_NOTE_COLOUR = "#ffec99";
/** Notes nobody signed (made before notes were signed, or imported). */
export const UNSIGNED_NOTE_COLOUR = "#dee2e6";

/** By category: each zone its own light colour, meaning-led (strengths green, threats orange…). */
const ZONE_COLOURS: Readonly<Record<string, string>> = {
  strengths: "#b2f2bb",
  weaknesses: "#ffc9c9",
  opportunities: "#a5d8ff",
  threats: "#ffd8a8",
  "quick-wins": "#b2f2bb",
  "big-bets": "#a5d8ff",
  "nice-to-have": "#ffec99",
  "time-sinks": "#ffc9c9",
};

/** By author: light sticky colours, distinct at a glance and dark text reads on each. */
export const AUTHOR_COLOURS = [
  "#ffec99",
  "#b2f2bb",
  "#a5d8ff",
  "#ffc9c9",
  "#eebefa",
  "#ffd8a8",
  "#96f2d7",
  "#d0bfff",
  "#c5f6fa",
  "#fcc2d7",
  "#d8f5a2",
  "#bac8ff",
] as const;

/** FNV-1a: the same name gives the same colour on every client, with no shared table to keep. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * RULE 36: a note's colour. By category: its zone's colour (ZONE_COLOURS), the template default
 * for zones without one (health rows, themes) and for notes in no zone. By author: a colour
 * from AUTHOR_COLOURS picked by the author's name (trimmed, case ignored), so every client
 * agrees without a shared table; unsigned notes are grey. Two names can share a colour; the
 * legend names each author.
 */
export function noteColour(mode: NoteColourMode, note: { zoneId: string | null; author: string | null }): string {
  if (mode === "author") {
    const name = note.author?.trim().toLowerCase() ?? "";
    return name === "" ? UNSIGNED_NOTE_COLOUR : AUTHOR_COLOURS[hash(name) % AUTHOR_COLOURS.length]!;
  }
  return (note.zoneId && ZONE_COLOURS[note.zoneId]) || DEFAULT_NOTE_COLOUR;
}

/** The by-author legend: each author once (first spelling seen, by name order) with their colour. */
export function authorLegend(authors: readonly (string | null)[]): { name: string; colour: string }[] {
  const seen = new Map<string, string>();
  for (const a of authors) {
    const name = a?.trim() ?? "";
    if (name !== "" && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()]
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .map((name) => ({ name, colour: noteColour("author", { zoneId: null, author: name }) }));
}

/** Every colour RULE 36 hands out: a note showing another was coloured by hand (kept on a drop). */
export const RULE_COLOURS: ReadonlySet<string> = new Set([DEFAULT_NOTE_COLOUR, UNSIGNED_NOTE_COLOUR, ...Object.values(ZONE_COLOURS), ...AUTHOR_COLOURS]);
