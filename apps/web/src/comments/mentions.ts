/*
 * @mentions in a comment: the text keeps "@Name" as typed; the names sent with it are the roster's
 * names found in the text (the server turns them into participant ids and refuses unknown ones).
 */

/** The people mentioned in `text`, longest names first so "@Ann Lee" is not read as "@Ann". */
export function mentionedNames(text: string, people: readonly string[]): string[] {
  const found: string[] = [];
  let rest = text;
  for (const name of [...people].sort((a, b) => b.length - a.length)) {
    const token = `@${name}`;
    if (rest.includes(token)) {
      found.push(name);
      rest = rest.split(token).join(" ");
    }
  }
  return found;
}

/** The "@que" being typed just before the caret, or null (an @ inside a word, like an e-mail, is not one). */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1] ?? ""))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /\n/.test(query)) return null;
  return { start: at, query };
}

/** Names that match what is typed after "@": starting with it first, then containing it. */
export function mentionChoices(query: string, people: readonly string[], limit = 6): string[] {
  const q = query.toLowerCase();
  const starts = people.filter((p) => p.toLowerCase().startsWith(q));
  const contains = people.filter((p) => !p.toLowerCase().startsWith(q) && p.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/** Replaces the "@que" at `start` with "@Name " and says where the caret goes. */
export function completeMention(text: string, caret: number, start: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Splits text into plain runs and mentions of known people, for highlighting. */
export function mentionRuns(text: string, names: readonly string[]): Array<{ text: string; mention: boolean }> {
  const sorted = [...names].sort((a, b) => b.length - a.length).map((n) => `@${n}`);
  const runs: Array<{ text: string; mention: boolean }> = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const token = text[i] === "@" ? sorted.find((t) => text.startsWith(t, i)) : undefined;
    if (token) {
      if (plain) runs.push({ text: plain, mention: false });
      runs.push({ text: token, mention: true });
      plain = "";
      i += token.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) runs.push({ text: plain, mention: false });
  return runs;
}
