import type { TemplateInstance } from "@quadrant/board-model";
import { csvNumber, csvText } from "./escape";
import type { BoardView, NoteView } from "./interpret";
import { notDoingKind } from "./not-doing";
import { healthProvenance } from "./scorecard";
import { BriefComments } from "./brief-comments";
import { type ExportGroups, groupCsvColumns } from "./brief-groups";

export const CSV_COLUMNS = [
  "id",
  "text",
  "template",
  "zone",
  "theme",
  "impact",
  "effort",
  "urgency",
  "risk",
  "priority",
  "votes",
  "author",
  "origin",
  "owner",
  "due",
  "status",
  "health_origin",
  "comments",
] as const;

export function originLabel(n: NoteView, templates: readonly TemplateInstance[]): string {
  if (!n.origin) return "";
  const from = templates.find((t) => t.id === n.origin?.templateId)?.title ?? n.origin.templateKind;
  return `${from}: ${n.origin.label}`;
}

/** Ranked matrix notes first (RULE 12), then every other note by template, zone, text, id. */
export function exportOrder(view: BoardView): NoteView[] {
  const rankedIds = new Set(view.ranked.map((n) => n.id));
  const titleOf = (n: NoteView) => view.templates.find((t) => t.id === n.templateId)?.title ?? "\uffff";
  const key = (n: NoteView) => [titleOf(n), n.templateId ?? "", n.zoneName ?? "", n.text, n.id];
  const rest = view.notes
    .filter((n) => !rankedIds.has(n.id))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) {
        const x = ka[i] ?? "";
        const y = kb[i] ?? "";
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  return [...view.ranked, ...rest];
}

/**
 * RULE 18: one row per note, RFC 4180 (CRLF, quoted where needed), UTF-8 with a BOM. `status` is
 * "dropped" or "time-sink" for what the group is not doing (RULE 28), else empty.
 */
export function exportCsv(view: BoardView, comments = new BriefComments(), groups?: ExportGroups): string {
  // Results by group add columns at the end, only when there are some (brief-groups.ts).
  const byGroup = groupCsvColumns(groups);
  const rows = [[...CSV_COLUMNS, ...byGroup.header].join(",")];
  for (const n of exportOrder(view)) {
    const template = view.templates.find((t) => t.id === n.templateId)?.title ?? "";
    const theme = n.themeName ?? (n.origin?.templateKind === "theme-map" ? n.origin.label : "");
    const onMatrix = n.templateKind === "impact-effort";
    rows.push(
      [
        csvText(n.id),
        csvText(n.text),
        csvText(template),
        csvText(n.zoneName ?? ""),
        csvText(theme),
        csvNumber(n.impact),
        csvNumber(n.effort),
        csvNumber(onMatrix ? n.urgency : null),
        csvNumber(onMatrix ? n.risk : null),
        csvNumber(n.priority),
        csvNumber(n.votes),
        csvText(n.author ?? ""),
        csvText(originLabel(n, view.templates)),
        csvText(n.owner ?? ""),
        csvText(n.due ?? ""),
        csvText(notDoingKind(n) ?? ""),
        csvText(n.healthOrigin ? healthProvenance(n.healthOrigin, view.templates) : ""),
        csvNumber(comments.count(n.id)),
        ...byGroup.cells(n.id),
      ].join(","),
    );
  }
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
