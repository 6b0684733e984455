import type { ActionRecord, Due } from "@quadrant/board-model";
import { type BoardView, type NoteView, adrLabel } from "@quadrant/templates";
import { oneLine } from "./decisions";

export type ActionLink = NonNullable<ActionRecord["link"]>;

/** A link as one select value ("decision:abc"); "" is no link. */
export function linkValue(link: ActionLink | undefined): string {
  return link ? `${link.kind}:${link.id}` : "";
}

export function parseLinkValue(value: string): ActionLink | undefined {
  const at = value.indexOf(":");
  if (at < 0) return undefined;
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  if (id === "" || (kind !== "decision" && kind !== "note" && kind !== "theme")) return undefined;
  return { kind, id };
}

/** What an action can follow from: decisions, initiatives (the ranked matrix notes, then any other note linked before) and themes. */
export function linkOptions(view: BoardView, extraNotes: readonly NoteView[] = []): Array<{ value: string; label: string }> {
  const notes = [...view.ranked, ...extraNotes.filter((n) => !view.ranked.some((r) => r.id === n.id))];
  return [
    ...view.decisions.map((d) => ({ value: linkValue({ kind: "decision", id: d.id }), label: `${adrLabel(d.number)} ${oneLine(d.title, 60)}` })),
    ...notes.map((n) => ({ value: linkValue({ kind: "note", id: n.id }), label: `Initiative: ${oneLine(n.text, 60) || "(empty)"}` })),
    ...view.themes.map(({ theme }) => ({ value: linkValue({ kind: "theme", id: theme.id }), label: `Theme: ${oneLine(theme.name, 60) || "untitled"}` })),
  ];
}

/** The label of what an action is linked to, or null when that thing is gone. */
export function linkLabel(view: BoardView, link: ActionLink | undefined): string | null {
  if (!link) return null;
  switch (link.kind) {
    case "decision": {
      const d = view.decisions.find((x) => x.id === link.id);
      return d ? `${adrLabel(d.number)} ${d.title}` : null;
    }
    case "note": {
      const n = view.notes.find((x) => x.id === link.id);
      return n ? n.text : null;
    }
    case "theme": {
      const t = view.themes.find((x) => x.theme.id === link.id);
      return t ? `Theme: ${t.theme.name}` : null;
    }
  }
}

export function newAction(start: { id: string; text: string; owner: string; due: Due | ""; link?: ActionLink; now: number }): ActionRecord {
  return {
    kind: "action",
    id: start.id,
    text: oneLine(start.text, 500),
    owner: start.owner.trim(),
    due: start.due,
    done: false,
    ...(start.link ? { link: start.link } : {}),
    createdAt: start.now,
  };
}
