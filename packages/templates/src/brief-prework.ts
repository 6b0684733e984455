import { escapeMarkdown as md } from "./escape";
import { present, rawField, section } from "./markdown-blocks";

/** Who did the board's pre-work (issue 18), from the facilitation state: names only, never answers. */
export interface ExportPrework {
  kind: "scoring" | "vote" | "brainstorm";
  status: "open" | "revealed";
  deadline: Date;
  /** Display names of those who submitted, in the order they did. */
  people: readonly string[];
}

const KIND: Record<ExportPrework["kind"], string> = {
  scoring: "Impact / effort scoring",
  vote: "Dot vote",
  brainstorm: "Brainstorm",
};

/**
 * "## Pre-work": what it was, whether it was revealed, and who did it. Its results are not
 * repeated here: at the reveal they became the ordinary round (votes, accepted scores, notes),
 * which the rest of the brief already reports. Left out when nobody did any (RULE 30).
 */
export function preworkSection(prework: ExportPrework | null | undefined): string[] {
  if (!prework || prework.people.length === 0) return [];
  const names = [...new Set(prework.people.map((n) => md(n)).filter((n) => n !== ""))];
  const when = `${prework.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const state = prework.status === "revealed" ? "revealed at the session" : "not revealed yet";
  return section(
    "## Pre-work",
    present([
      rawField("Round", `${KIND[prework.kind]}, due ${when}, ${state}`),
      rawField(`Done by (${names.length})`, names.join(", ")),
    ]),
  );
}
