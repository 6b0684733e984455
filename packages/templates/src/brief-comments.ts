import type { ExportedThread } from "@quadrant/facilitation";
import { escapeMarkdown as md } from "./escape";
import type { BoardView, NoteView } from "./interpret";
import { section } from "./markdown-blocks";

/**
 * RULE 37: comment threads in the brief, under the item they are pinned on. The sections that show
 * an item (an initiative's row, a SWOT item, a theme) take its threads from this index; whatever no
 * section took (other notes, shapes, points of the board) goes into "## Comments" at the end. Which
 * threads come in (open only, or resolved too; never a private-mode comment before the reveal) is
 * decided by the caller (exportedThreads).
 */
export class BriefComments {
  private readonly byElement = new Map<string, ExportedThread[]>();
  private readonly taken = new Set<string>();
  private readonly onBoard: ExportedThread[] = [];

  constructor(threads: readonly ExportedThread[] = []) {
    for (const thread of threads) {
      if (thread.elementId === null) this.onBoard.push(thread);
      else this.byElement.set(thread.elementId, [...(this.byElement.get(thread.elementId) ?? []), thread]);
    }
  }

  /** The threads pinned on an element, now shown under it (so "## Comments" leaves them out). */
  take(elementId: string): readonly ExportedThread[] {
    this.taken.add(elementId);
    return this.byElement.get(elementId) ?? [];
  }

  /** How many comments (messages) are pinned on an element: the CSV's `comments` column. */
  count(elementId: string): number {
    return (this.byElement.get(elementId) ?? []).reduce((n, t) => n + t.messages.length, 0);
  }

  /** Threads no section took, by element (in first-seen order), then the board's own. */
  rest(): Array<{ elementId: string | null; threads: readonly ExportedThread[] }> {
    const left = [...this.byElement].filter(([id]) => !this.taken.has(id)).map(([elementId, threads]) => ({ elementId, threads }));
    return this.onBoard.length > 0 ? [...left, { elementId: null, threads: this.onBoard }] : left;
  }
}

/** A thread as a list: the first message, its replies nested under it; `indent` nests it under a list item. */
export function threadLines(threads: readonly ExportedThread[], indent = ""): string[] {
  return threads.flatMap((thread) => {
    const [first, ...replies] = thread.messages;
    if (!first) return [];
    const resolved = thread.resolved ? " _(resolved)_" : "";
    return [
      `${indent}- **${md(first.author) || "Someone"}:** ${md(first.text)}${resolved}`,
      ...replies.map((r) => `${indent}  - **${md(r.author) || "Someone"}:** ${md(r.text)}`),
    ];
  });
}

/** Under a ranked list (a table row cannot hold a list): one block per initiative that has threads. */
export function initiativeComments(ranked: readonly NoteView[], comments: BriefComments): string[] {
  return ranked.flatMap((n, i) => {
    const threads = comments.take(n.id);
    return threads.length === 0 ? [] : ["", `**Comments on ${i + 1}. ${md(n.text)}**`, "", ...threadLines(threads)];
  });
}

/** "## Comments": threads pinned on something no section shows, and on points of the board. */
export function commentsSection(view: BoardView, comments: BriefComments): string[] {
  const noteText = new Map(view.notes.map((n) => [n.id, n.text]));
  const body = comments.rest().flatMap(({ elementId, threads }) => {
    const text = elementId === null ? undefined : noteText.get(elementId);
    const heading =
      elementId === null ? "**On the board**" : text !== undefined ? `**On the note “${md(text)}”**` : "**On a shape or a removed item**";
    return [heading, "", ...threadLines(threads), ""];
  });
  return section("## Comments", body);
}
