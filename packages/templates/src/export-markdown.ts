import { PAIRING_KINDS } from "@quadrant/board-model";
import { escapeMarkdown as md, formatPriority, formatScore } from "./escape";
import { originLabel } from "./export-csv";
import { type BoardView, PAIRING_SOURCES } from "./interpret";
import { QUARTERS } from "./ranking";

export interface BriefMeta {
  title: string;
  /** Passed in, not read from a clock (house rule 7). */
  exportedAt: Date;
}

function field(label: string, value: string): string {
  // Multi-line fields (criteria are often one per line) read as a "; "-separated list.
  const oneLine = value
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("; ");
  return `- **${label}:** ${oneLine === "" ? "_not set_" : md(oneLine)}`;
}

/** The strategy brief (DOMAIN.md "What a session should leave behind"), RULE 17 for all text. */
export function exportMarkdown(view: BoardView, meta: BriefMeta): string {
  const out: string[] = [];
  const textOf = new Map(view.notes.map((n) => [n.id, n.text]));
  out.push(`# Strategy brief: ${md(meta.title)}`, "", `_Exported ${meta.exportedAt.toISOString()}_`, "");

  out.push("## Vision", "", view.vision.trim() === "" ? "_No vision recorded._" : md(view.vision), "");

  out.push("## Strategic themes", "");
  if (view.themes.length === 0) out.push("_No themes._", "");
  view.themes.forEach(({ theme, notes }, i) => {
    out.push(`### ${i + 1}. ${md(theme.name) || "Untitled theme"}`, "");
    out.push(
      field("Business driver", theme.driver),
      field("Technical implication", theme.implication),
      field("Success criteria", theme.criteria),
      field("Timeline", theme.timeline),
      `- **Initiatives:** ${notes.length === 0 ? "_none_" : notes.map((n) => md(n.text)).join("; ")}`,
      "",
    );
  });
  if (view.unthemed.length > 0) {
    out.push("**Not yet under a theme:** " + view.unthemed.map((n) => md(n.text)).join("; "), "");
  }

  out.push("## SWOT", "");
  if (view.swots.length === 0) out.push("_No SWOT._", "");
  for (const swot of view.swots) {
    if (view.swots.length > 1) out.push(`### ${md(swot.instance.title)}`, "");
    for (const zone of swot.instance.zones) {
      const items = swot.items[zone.id] ?? [];
      out.push(`**${md(zone.name)}**`, "");
      out.push(...(items.length === 0 ? ["- _none_"] : items.map((n) => `- ${md(n.text)}`)), "");
    }
    out.push("**Strategies**", "");
    const pairings = [...swot.pairings].sort(
      (a, b) => PAIRING_KINDS.indexOf(a.pairing) - PAIRING_KINDS.indexOf(b.pairing) || (a.id < b.id ? -1 : 1),
    );
    if (pairings.length === 0) out.push("- _none_");
    for (const p of pairings) {
      const from = p.itemIds.map((id) => textOf.get(id)).filter((t): t is string => t !== undefined);
      const source = from.length > 0 ? ` (from: ${from.map(md).join("; ")})` : "";
      out.push(`- **${PAIRING_SOURCES[p.pairing].label}:** ${md(p.text)}${source}`);
    }
    out.push("");
  }

  out.push("## Prioritized initiatives", "");
  if (view.ranked.length === 0) out.push("_No initiatives on an impact/effort matrix._", "");
  else {
    out.push(
      "| # | Initiative | Quadrant | Impact | Effort | Urgency | Risk | Priority | Votes | Theme | Origin |",
      "|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    );
    view.ranked.forEach((n, i) => {
      const theme = n.themeName ?? (n.origin?.templateKind === "theme-map" ? n.origin.label : "");
      out.push(
        `| ${i + 1} | ${md(n.text)} | ${md(n.zoneName ?? "")} | ${formatScore(n.impact)} | ${formatScore(n.effort)} | ` +
          `${formatScore(n.urgency)} | ${formatScore(n.risk)} | ${formatPriority(n.priority)} | ${n.votes} | ` +
          `${md(theme)} | ${md(originLabel(n, view.templates))} |`,
      );
    });
    out.push("", "_priority = 2 × impact + urgency − 0.5 × effort − risk_", "");
  }

  out.push("## Roadmap", "");
  for (const q of QUARTERS) {
    const items = view.roadmap[q];
    out.push(`### ${q}`, "");
    out.push(
      ...(items.length === 0 ? ["- _nothing scheduled_"] : items.map((n) => `- ${md(n.text)} (priority ${formatPriority(n.priority)})`)),
      "",
    );
  }

  out.push("## Decisions", "");
  if (view.decisions.length === 0) out.push("_No decisions recorded._", "");
  for (const d of view.decisions) {
    out.push(
      `### ${md(d.title) || "Untitled decision"}`,
      "",
      field("Context", d.context),
      field("Decision", d.decision),
      field("Consequences (positive)", d.consequences.positive),
      field("Consequences (negative)", d.consequences.negative),
      field("Consequences (neutral)", d.consequences.neutral),
      field("Alternatives considered", d.alternatives.map((a) => `${a.option}: ${a.whyNot}`).join("\n")),
      "",
    );
  }
  return out.join("\n").replace(/\n+$/, "\n");
}
