import type { DecisionRecord } from "@quadrant/board-model";
import { adrLabel, decisionMarkdown } from "./decision-markdown";
import { escapeMarkdown as md } from "./escape";
import type { BriefMeta } from "./export-markdown";
import type { BoardView } from "./interpret";
import { zipStore } from "./zip";

/** The title as a file-name slug: ASCII letters and digits in lower case, `-` between words. */
export function slug(title: string): string {
  const s = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s === "" ? "decision" : s;
}

/** RULE 31: `ADR-001-build-sso-before-rbac.md`. */
export function adrFileName(d: DecisionRecord): string {
  return `${adrLabel(d.number)}-${slug(d.title)}.md`;
}

function decisionFile(d: DecisionRecord, view: BoardView, meta: BriefMeta): string {
  const [heading = "", , ...rest] = decisionMarkdown(d, view, 1);
  const from = `_From the strategy board "${md(meta.title)}", exported ${meta.exportedAt.toISOString()}_`;
  return [heading, "", from, "", ...rest].join("\n").replace(/\n+$/, "\n");
}

/**
 * RULE 31: one ADR as its own Markdown file, the same text as its section of the brief under a
 * level-1 heading; null when the board has no ADR with that number (with two, the first by id).
 */
export function exportDecision(view: BoardView, number: number, meta: BriefMeta): string | null {
  const d = view.decisions.find((x) => x.number === number);
  return d ? decisionFile(d, view, meta) : null;
}

/**
 * RULE 31: every ADR as one .zip, a file each in number order. Two people creating an ADR at
 * once can give two the same number; a name already taken gets `-2`, `-3`… so neither is lost.
 */
export function exportDecisionArchive(view: BoardView, meta: BriefMeta): Uint8Array {
  const encoder = new TextEncoder();
  const taken = new Set<string>();
  const entries = view.decisions.map((d) => {
    const base = adrFileName(d).replace(/\.md$/, "");
    let name = `${base}.md`;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}.md`;
    taken.add(name);
    return { name, data: encoder.encode(decisionFile(d, view, meta)) };
  });
  return zipStore(entries, meta.exportedAt);
}
