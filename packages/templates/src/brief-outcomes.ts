import type { ActionRecord } from "@quadrant/board-model";
import { ROLES, type Role } from "@quadrant/protocol";
import { adrLabel, decisionMarkdown } from "./decision-markdown";
import { escapeMarkdown as md } from "./escape";
import type { BoardView } from "./interpret";
import { present, rawField, section, table } from "./markdown-blocks";

/** Who took part, from the facilitation roster (the server passes it in). */
export interface ExportParticipant {
  name: string;
  role: Role;
}

/** Every ADR in number order, at heading level 3 under "Decisions". */
export function decisionsSection(view: BoardView): string[] {
  return section("## Decisions", view.decisions.flatMap((d) => decisionMarkdown(d, view, 3)));
}

/** What an action follows from: "ADR-001: title", "Initiative: text", "Theme: name"; "" when gone. */
function linkedTo(a: ActionRecord, view: BoardView): string {
  const link = a.link;
  if (!link) return "";
  switch (link.kind) {
    case "decision": {
      const d = view.decisions.find((x) => x.id === link.id);
      return d ? `${adrLabel(d.number)}${d.title.trim() === "" ? "" : `: ${md(d.title)}`}` : "";
    }
    case "note": {
      const n = view.notes.find((x) => x.id === link.id);
      return n ? `Initiative: ${md(n.text)}` : "";
    }
    case "theme": {
      const t = view.themes.find((x) => x.theme.id === link.id);
      return t ? `Theme: ${md(t.theme.name)}` : "";
    }
  }
}

/** Actions, open first (RULE 26). */
export function actionsSection(view: BoardView): string[] {
  if (view.actions.length === 0) return [];
  const rows = view.actions.map((a) => [md(a.text), md(a.owner), md(a.due), linkedTo(a, view), a.done ? "yes" : "no"]);
  return section("## Actions", table(["What", "Owner", "Due", "Linked to", "Done"], ["l", "l", "l", "l", "l"], rows));
}

/** RULE 28: dropped notes with the group's reason, then Time Sinks. */
export function notDoingSection(view: BoardView): string[] {
  const items = view.notDoing.map(({ note, reason, kind }) => {
    const why = md(reason);
    const text = kind === "dropped" ? (why === "" ? "Dropped (no reason recorded)" : `Dropped: ${why}`) : why;
    return `- ${md(note.text)} — ${text}`;
  });
  return section("## What we're not doing", items);
}

const ROLE_LABELS: Record<Role, [one: string, many: string]> = {
  facilitator: ["Facilitator", "Facilitators"],
  editor: ["Editor", "Editors"],
  viewer: ["Viewer", "Viewers"],
};

/** Names by role, each role's names sorted (code units) and listed once. */
export function participantsSection(participants: readonly ExportParticipant[]): string[] {
  const lines = ROLES.map((role) => {
    const names = [...new Set(participants.filter((p) => p.role === role).map((p) => md(p.name)).filter((n) => n !== ""))].sort();
    return rawField(ROLE_LABELS[role][names.length === 1 ? 0 : 1], names.join(", "));
  });
  return section("## Who took part", present(lines));
}
