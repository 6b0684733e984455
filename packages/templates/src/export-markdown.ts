import { healthSection } from "./brief-health";
import { actionsSection, decisionsSection, type ExportParticipant, notDoingSection, participantsSection } from "./brief-outcomes";
import { businessContext, executiveSummary, principlesSection } from "./brief-context";
import { initiativesSection, roadmapSection } from "./brief-initiatives";
import { swotSection, themesSection } from "./brief-themes";
import { BriefComments, commentsSection } from "./brief-comments";
import { escapeMarkdown as md } from "./escape";
import { type ExportPrework, preworkSection } from "./brief-prework";
import { type ExportGroups, groupsSection } from "./brief-groups";
import type { BoardView } from "./interpret";

export interface BriefMeta {
  title: string;
  /** Passed in, not read from a clock (house rule 7). */
  exportedAt: Date;
  /** Who took part, from the facilitation roster; the section is left out without it. */
  participants?: readonly ExportParticipant[];
  /** Comment threads, shown under their items (RULE 37); none without it. */
  comments?: BriefComments;
  /** Who did the pre-work (issue 18); the section is left out without it. */
  prework?: ExportPrework | null;
  /** Results by group (brief-groups.ts); the section is left out without it. */
  groups?: ExportGroups;
}

/**
 * The strategy brief in DOMAIN.md's strategy-document order. RULE 30: a section with nothing
 * in it is left out (never an empty heading); all text through RULE 17.
 */
export function exportMarkdown(view: BoardView, meta: BriefMeta): string {
  const comments = meta.comments ?? new BriefComments();
  const sections = [
    executiveSummary(view),
    businessContext(view),
    healthSection(view),
    themesSection(view, comments),
    swotSection(view, comments),
    principlesSection(view),
    initiativesSection(view, comments),
    roadmapSection(view),
    decisionsSection(view),
    actionsSection(view),
    notDoingSection(view),
    // After every section that shows items: it lists the threads none of them took.
    commentsSection(view, comments),
    groupsSection(view, meta.groups),
    participantsSection(meta.participants ?? []),
    preworkSection(meta.prework),
  ].flat();
  const body = sections.length === 0 ? ["_Nothing has been recorded on this board yet._", ""] : sections;
  const header = [`# Strategy brief: ${md(meta.title)}`, "", `_Exported ${meta.exportedAt.toISOString()}_`, ""];
  return [...header, ...body].join("\n").replace(/\n+$/, "\n");
}
