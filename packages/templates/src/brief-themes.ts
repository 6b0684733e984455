import { PAIRING_KINDS } from "@quadrant/board-model";
import { healthProvenance } from "./scorecard";
import { escapeMarkdown as md } from "./escape";
import { type BoardView, type NoteView, PAIRING_SOURCES } from "./interpret";
import { field, present, rawField, section } from "./markdown-blocks";
import { BriefComments, threadLines } from "./brief-comments";

/** "owner Ann; due 2027-Q1", or "" when neither is set. */
export function ownerAndDue(n: { owner?: string | null | undefined; due?: string | null | undefined }): string {
  return [n.owner ? `owner ${md(n.owner)}` : "", n.due ? `due ${md(n.due)}` : ""].filter((x) => x !== "").join("; ");
}

function initiative(n: NoteView): string {
  const extra = ownerAndDue(n);
  return `${md(n.text)}${extra === "" ? "" : ` (${extra})`}`;
}

/** Strategic themes (DOMAIN.md section 3); left out when there is neither a theme nor an unthemed note. */
export function themesSection(view: BoardView, comments = new BriefComments()): string[] {
  const body: string[] = [];
  view.themes.forEach(({ theme, notes }, i) => {
    body.push(`### ${i + 1}. ${md(theme.name) || "Untitled theme"}`, "");
    const lines = present([
      field("Business driver", theme.driver),
      field("Technical implication", theme.implication),
      field("Success criteria", theme.criteria),
      rawField("Key initiatives", notes.map(initiative).filter((t) => t !== "").join("; ")),
      field("Timeline", theme.timeline),
      field("Owner", theme.owner ?? ""),
      rawField("Due", theme.due ? md(theme.due) : ""),
    ]);
    body.push(...(lines.length === 0 ? ["_Nothing filled in for this theme yet._"] : lines));
    const threads = comments.take(theme.frameId);
    if (threads.length > 0) body.push("- **Comments:**", ...threadLines(threads, "  "));
    body.push("");
  });
  if (view.unthemed.length > 0) {
    if (view.themes.length === 0) body.push("_No themes named yet._", "");
    body.push("**Not yet under a theme:** " + view.unthemed.map((n) => md(n.text)).join("; "), "");
  }
  return section("## Strategic themes", body);
}

/** SWOT with its strategies; a carried health dimension shows where it came from (RULE 29). */
export function swotSection(view: BoardView, comments = new BriefComments()): string[] {
  const body: string[] = [];
  const textOf = new Map(view.notes.map((n) => [n.id, n.text]));
  for (const swot of view.swots) {
    if (view.swots.length > 1) body.push(`### ${md(swot.instance.title) || "SWOT"}`, "");
    for (const zone of swot.instance.zones) {
      const items = swot.items[zone.id] ?? [];
      body.push(`**${md(zone.name)}**`, "");
      const item = (n: NoteView) => `- ${md(n.text)}${n.healthOrigin ? ` (from ${md(healthProvenance(n.healthOrigin, view.templates))})` : ""}`;
      const withThreads = (n: NoteView) => [item(n), ...threadLines(comments.take(n.id), "  ")];
      body.push(...(items.length === 0 ? ["- _none_"] : items.flatMap(withThreads)), "");
    }
    body.push("**Strategies**", "");
    const pairings = [...swot.pairings].sort(
      (a, b) => PAIRING_KINDS.indexOf(a.pairing) - PAIRING_KINDS.indexOf(b.pairing) || (a.id < b.id ? -1 : 1),
    );
    if (pairings.length === 0) body.push("- _none_");
    for (const p of pairings) {
      const from = p.itemIds.map((id) => textOf.get(id)).filter((t): t is string => t !== undefined);
      const source = from.length > 0 ? ` (from: ${from.map(md).join("; ")})` : "";
      body.push(`- **${PAIRING_SOURCES[p.pairing].label}:** ${md(p.text)}${source}`);
    }
    body.push("");
  }
  return section("## SWOT", body);
}
