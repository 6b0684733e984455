import { healthProvenance } from "./scorecard";
import { ownerAndDue } from "./brief-themes";
import { escapeMarkdown as md, formatPriority, formatScore } from "./escape";
import { originLabel } from "./export-csv";
import type { BoardView, NoteView } from "./interpret";
import { section, table } from "./markdown-blocks";
import { notDoingKind } from "./not-doing";
import { QUARTERS } from "./ranking";
import { BriefComments, initiativeComments } from "./brief-comments";

/** The "Not doing" cell of a row: how RULE 28 marks it, "" for everything the group does. */
export function notDoingMark(n: NoteView): string {
  const kind = notDoingKind(n);
  return kind === "dropped" ? "dropped" : kind === "time-sink" ? "time sink" : "";
}

/** Where a note came from: a carried SWOT item or theme note (RULE 16) or a health dimension (RULE 29). */
export function provenance(n: NoteView, view: BoardView): string {
  return n.healthOrigin ? healthProvenance(n.healthOrigin, view.templates) : originLabel(n, view.templates);
}

/** The ranked list (RULE 12), every item kept; what the group is not doing is marked (RULE 28). */
export function initiativesSection(view: BoardView, comments = new BriefComments()): string[] {
  if (!view.templates.some((t) => t.kind === "impact-effort")) return [];
  if (view.ranked.length === 0) return section("## Prioritized initiatives", ["_No initiatives on the matrix yet._"]);
  const rows = view.ranked.map((n, i) => {
    const theme = n.themeName ?? (n.origin?.templateKind === "theme-map" ? n.origin.label : "");
    return [
      String(i + 1),
      md(n.text),
      md(n.zoneName ?? ""),
      formatScore(n.impact),
      formatScore(n.effort),
      formatScore(n.urgency),
      formatScore(n.risk),
      formatPriority(n.priority),
      String(n.votes),
      md(theme),
      md(n.owner ?? ""),
      md(n.due ?? ""),
      md(provenance(n, view)),
      notDoingMark(n),
    ];
  });
  return section("## Prioritized initiatives", [
    ...table(
      ["#", "Initiative", "Quadrant", "Impact", "Effort", "Urgency", "Risk", "Priority", "Votes", "Theme", "Owner", "Due", "Origin", "Not doing"],
      ["r", "l", "l", "r", "r", "r", "r", "r", "r", "l", "l", "l", "l", "l"],
      rows,
    ),
    "",
    "_priority = 2 × impact + urgency − 0.5 × effort − risk_",
    ...initiativeComments(view.ranked, comments),
  ]);
}

/** RULE 13 by quarter; left out when nothing is scheduled (Time Sinks and dropped notes never are). */
export function roadmapSection(view: BoardView): string[] {
  if (QUARTERS.every((q) => view.roadmap[q].length === 0)) return [];
  const body: string[] = [];
  for (const q of QUARTERS) {
    const items = view.roadmap[q].map((n) => {
      const extra = [`priority ${formatPriority(n.priority)}`, ownerAndDue(n)].filter((x) => x !== "").join("; ");
      return `- ${md(n.text)} (${extra})`;
    });
    body.push(`### ${q}`, "", ...(items.length === 0 ? ["- _nothing scheduled_"] : items), "");
  }
  return section("## Roadmap", body);
}
