import { type GroupRoundResult, MEASURE_TITLE, ROUND_KIND_TITLE, otherExplained } from "@quadrant/facilitation";
import type { HealthDimension } from "@quadrant/board-model";
import { HEALTH_DIMENSION_NAMES } from "./builders";
import { csvNumber, csvText, escapeMarkdown as md } from "./escape";
import type { BoardView } from "./interpret";
import { present, rawField, section, table } from "./markdown-blocks";

/**
 * Results by group in the brief and the CSV (docs/facilitation.md, "Groups and the anonymity floor").
 * Only what the server computed at each reveal: aggregates of at least the floor, never a person's
 * value, so nothing here can undo the floor.
 */
export interface ExportGroups {
  /** Revealed rounds' results by group, oldest first (FacilitationState.groups.results). */
  results: readonly GroupRoundResult[];
  /** Who took part from which group (groupRoster): names only. */
  members: readonly { name: string; group: string | null }[];
}

function itemLabel(view: BoardView, result: GroupRoundResult, id: string): string {
  if (result.kind === "rating") return HEALTH_DIMENSION_NAMES[id as HealthDimension] ?? id;
  return view.notes.find((n) => n.id === id)?.text || "(a note no longer on the board)";
}

function cellText(result: GroupRoundResult, cell: GroupRoundResult["items"][number]["cells"][number]): string {
  const values = result.measures.map((m, i) => `${result.measures.length > 1 ? `${MEASURE_TITLE[m][0]} ` : ""}${cell.means[i]} ±${cell.spreads[i]}`);
  return `${values.join(" · ")} (${cell.count})`;
}

function roundBlock(view: BoardView, result: GroupRoundResult): string[] {
  const header = ["Item", ...result.units.map((u) => md(u.name)), "Gap"];
  const rows = result.items.map((item) => [
    `${md(itemLabel(view, result, item.id))}${item.disagree ? " **(groups disagree)**" : ""}`,
    ...result.units.map((u) => {
      const cell = item.cells.find((c) => c.key === u.key);
      return cell ? cellText(result, cell) : "–";
    }),
    item.gap === null ? "–" : String(item.gap),
  ]);
  const tookPart = result.participation.map((p) => `${md(p.name)} ${p.count}`).join(", ");
  return [
    `### ${ROUND_KIND_TITLE[result.kind]} (anonymity floor ${result.floor}, disagreement above ${result.threshold})`,
    "",
    ...present([rawField("Took part", tookPart), result.units.some((u) => u.key === "other") ? `- ${otherExplained(result, md)}` : null]),
    "",
    ...(result.units.length === 0 ? [`_No group reached the floor of ${result.floor}: these results are only in the room totals._`] : table(header, ["l", ...result.units.map(() => "r" as const), "r"], rows)),
    "",
  ];
}

/** `## Results by group`: each revealed round's table, then who took part from which group. */
export function groupsSection(view: BoardView, groups: ExportGroups | undefined): string[] {
  if (!groups || (groups.results.length === 0 && groups.members.every((m) => m.group === null))) return [];
  const byGroup = new Map<string, string[]>();
  for (const member of groups.members) {
    const key = member.group ?? "No group";
    byGroup.set(key, [...(byGroup.get(key) ?? []), md(member.name)]);
  }
  const membership = [...byGroup].map(([group, names]) => rawField(md(group), [...new Set(names)].sort().join(", ")));
  return section("## Results by group", [
    ...groups.results.flatMap((result) => roundBlock(view, result)),
    ...(membership.length > 0 ? ["### Who took part from which group", "", ...present(membership), ""] : []),
  ]);
}

/**
 * Extra CSV columns for the newest scoring round and the newest dot vote with results by group: per
 * reporting unit, its people and each measure's mean, then the cross-group gap. None without results,
 * so a board without groups exports the same CSV as before.
 */
export function groupCsvColumns(groups: ExportGroups | undefined): { header: string[]; cells: (noteId: string) => string[] } {
  const newest = (kind: GroupRoundResult["kind"]) => [...(groups?.results ?? [])].reverse().find((r) => r.kind === kind);
  const rounds = [newest("scoring"), newest("vote")].filter((r): r is GroupRoundResult => r !== undefined);
  const header = rounds.flatMap((r) => [
    ...r.units.flatMap((u) => [`${u.name} n (${r.kind})`, ...r.measures.map((m) => `${u.name} ${MEASURE_TITLE[m].toLowerCase()}`)]),
    `group gap (${r.kind})`,
  ]).map(csvText);
  const cells = (noteId: string) =>
    rounds.flatMap((r) => {
      const item = r.items.find((i) => i.id === noteId);
      return [
        ...r.units.flatMap((u) => {
          const cell = item?.cells.find((c) => c.key === u.key);
          return [csvNumber(cell?.count ?? null), ...r.measures.map((_, m) => csvNumber(cell?.means[m] ?? null))];
        }),
        csvNumber(item?.gap ?? null),
      ];
    });
  return { header, cells };
}
