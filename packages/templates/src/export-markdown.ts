import { healthSection } from "./brief-health";
import { actionsSection, decisionsSection, type ExportParticipant, notDoingSection, participantsSection } from "./brief-outcomes";
import { businessContext, executiveSummary, principlesSection } from "./brief-context";
import { initiativesSection, roadmapSection } from "./brief-initiatives";
import { swotSection, themesSection } from "./brief-themes";
import { escapeMarkdown as md } from "./escape";
import { type ExportGroups, groupsSection } from "./brief-groups";
import type { BoardView } from "./interpret";

export interface BriefMeta {
  title: string;
  /** Passed in, not read from a clock (house rule 7). */
  exportedAt: Date;
  /** Who took part, from the facilitation roster; the section is left out without it. */
  participants?: readonly ExportParticipant[];
  /** Results by group (brief-groups.ts); the section is left out without it. */
  groups?: ExportGroups;
}

/**
 * The strategy brief in DOMAIN.md's strategy-document order. RULE 30: a section with nothing
 * in it is left out (never an empty heading); all text through RULE 17.
 */
export function exportMarkdown(view: BoardView, meta: BriefMeta): string {
  const sections = [
    executiveSummary(view),
    businessContext(view),
    healthSection(view),
    themesSection(view),
    swotSection(view),
    principlesSection(view),
    initiativesSection(view),
    roadmapSection(view),
    decisionsSection(view),
    actionsSection(view),
    notDoingSection(view),
    groupsSection(view, meta.groups),
    participantsSection(meta.participants ?? []),
  ].flat();
  const body = sections.length === 0 ? ["_Nothing has been recorded on this board yet._", ""] : sections;
  const header = [`# Strategy brief: ${md(meta.title)}`, "", `_Exported ${meta.exportedAt.toISOString()}_`, ""];
  return [...header, ...body].join("\n").replace(/\n+$/, "\n");
}
