import type { DecisionEvidence, DecisionRecord, DecisionStatus, Dissent } from "@quadrant/board-model";
import { escapeMarkdown as md } from "./escape";
import type { BoardView } from "./interpret";
import { field, joinLines, present, rawField, table } from "./markdown-blocks";

/** "ADR-001": three digits at least, as ADR tooling numbers files. */
export function adrLabel(number: number): string {
  return `ADR-${String(number).padStart(3, "0")}`;
}

const STATUS_WORDS: Record<DecisionStatus, string> = {
  proposed: "Proposed",
  accepted: "Accepted",
  deprecated: "Deprecated",
  superseded: "Superseded",
};

function statusText(d: DecisionRecord): string {
  if (d.status === "superseded" && d.supersededBy !== undefined) return `Superseded by ${adrLabel(d.supersededBy)}`;
  return STATUS_WORDS[d.status];
}

function isoDay(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : "";
}

/** `  - text` items under a labelled list item; each item's text is escaped (RULE 17). */
function nested(label: string, items: readonly string[]): string[] {
  const kept = items.filter((i) => i !== "");
  return kept.length === 0 ? [] : [`- **${label}:**`, ...kept.map((i) => `  - ${i}`)];
}

/** "first: second", "first" or "second" alone, escaped; `joiner` goes between them. */
function pair(first: string, second: string, joiner = ": "): string {
  const a = md(first);
  const b = md(joinLines(second));
  return a === "" ? b : b === "" ? a : `${a}${joiner}${b}`;
}

/** Means and spreads to two decimals at most (2.25, 4, 1.5), as the scoring panel shows them. */
function decimal(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function dissentLines(dissent: Dissent | undefined): string[] {
  if (!dissent) return [];
  switch (dissent.kind) {
    case "named":
      return nested("Dissent", dissent.entries.map((e) => pair(e.who, e.why)));
    case "anonymous": {
      const note = md(joinLines(dissent.note));
      if (dissent.count === 0 && note === "") return [];
      const who = `${dissent.count} ${dissent.count === 1 ? "person" : "people"} disagreed (secret vote: no names recorded)`;
      return [`- **Dissent:** ${who}${note === "" ? "" : `. ${note}`}`];
    }
  }
}

function evidenceLines(evidence: DecisionEvidence | undefined): string[] {
  if (!evidence || evidence.items.length === 0) return [];
  switch (evidence.kind) {
    case "vote":
      return ["", "**Evidence: revealed vote**", "", ...table(["Item", "Votes"], ["l", "r"], evidence.items.map((i) => [md(i.label), String(i.votes)]))];
    case "scoring":
      return [
        "",
        "**Evidence: score spread**",
        "",
        ...table(
          ["Item", "Impact (mean)", "Impact spread", "Effort (mean)", "Effort spread", "Discuss"],
          ["l", "r", "r", "r", "r", "l"],
          evidence.items.map((i) => [
            md(i.label),
            decimal(i.meanImpact),
            decimal(i.spreadImpact),
            decimal(i.meanEffort),
            decimal(i.spreadEffort),
            i.discuss ? "yes" : "",
          ]),
        ),
      ];
    case "notes":
      return present([rawField("Evidence", evidence.items.map((i) => md(i.label)).filter((l) => l !== "").join("; "))]);
  }
}

/**
 * One ADR (DOMAIN.md "Decision records"): a heading at `level`, then its fields in ADR order;
 * a field nobody filled in is left out (RULE 30); all text through RULE 17.
 */
export function decisionMarkdown(d: DecisionRecord, view: BoardView, level: 1 | 3): string[] {
  const title = md(d.title);
  const theme = d.themeId === undefined ? undefined : view.themes.find((t) => t.theme.id === d.themeId)?.theme.name;
  const textOf = new Map(view.notes.map((n) => [n.id, n.text]));
  const fromNotes = d.noteIds.map((id) => textOf.get(id)).filter((t): t is string => t !== undefined);
  const history = d.history.map((h) => {
    const by = md(h.by);
    return `${STATUS_WORDS[h.status]} ${isoDay(h.at)}${by === "" ? "" : ` by ${by}`}`;
  });
  return [
    `${"#".repeat(level)} ${adrLabel(d.number)}${title === "" ? "" : `: ${title}`}`,
    "",
    ...present([
      rawField("Status", statusText(d)),
      rawField("Date", d.date),
      field("Deciders", d.deciders),
      theme === undefined ? null : field("Theme", theme),
      field("Context", d.context),
      field("Decision", d.decision),
      field("Consequences (positive)", d.consequences.positive),
      field("Consequences (negative)", d.consequences.negative),
      field("Consequences (neutral)", d.consequences.neutral),
    ]),
    ...nested("Alternatives considered", d.alternatives.map((a) => pair(a.option, a.whyNot, " — why not: "))),
    ...present([
      field("Implementation notes", d.implementation),
      rawField("Review date", d.reviewDate),
      rawField("Made from", fromNotes.map(md).filter((t) => t !== "").join("; ")),
    ]),
    ...dissentLines(d.dissent),
    ...present([rawField("Status history", history.join("; "))]),
    ...evidenceLines(d.evidence),
    "",
  ];
}
