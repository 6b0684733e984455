import { type BoardSnapshot, parseBoard } from "@quadrant/board-model";
import type { ExportedThread, FacilitationBackup } from "@quadrant/facilitation";
import type { ExportFormat, TemplateKind } from "@quadrant/protocol";
import { type BackupHistoryEntry, exportBackup } from "./backup";
import { BriefComments } from "./brief-comments";
import type { ExportParticipant } from "./brief-outcomes";
import type { ExportPrework } from "./brief-prework";
import type { ExportGroups } from "./brief-groups";
import { adrFileName, exportDecision, exportDecisionArchive } from "./export-decision";
import { exportCsv } from "./export-csv";
import { exportMarkdown } from "./export-markdown";
import { type Votes, interpretBoard } from "./interpret";

export { EXPORT_FORMATS, type ExportFormat } from "@quadrant/protocol";

export interface ExportInput {
  snapshot: BoardSnapshot;
  title: string;
  template: TemplateKind;
  exportedAt: Date;
  votes?: Votes;
  /** Who took part (the facilitation roster); the brief's "Who took part" is left out without it. */
  participants?: readonly ExportParticipant[];
  /** Who did the pre-work (issue 18): the brief's "Pre-work" section; left out without it. */
  prework?: ExportPrework | null;
  /** Results by group and who took part from which group (brief and CSV); left out without it. */
  groups?: ExportGroups;
  /** Facilitation outcomes for the JSON backup (backupOf); the other formats read votes and participants. */
  facilitation?: FacilitationBackup;
  /** Comment threads for the brief and the CSV count (exportedThreads: which ones is the caller's choice). */
  comments?: readonly ExportedThread[];
  /** The board's history labels for the JSON backup (the server's). */
  history?: readonly BackupHistoryEntry[];
}

export interface TextExport {
  contentType: string;
  extension: string;
  body: string;
}
export interface BinaryExport {
  contentType: string;
  extension: string;
  body: Uint8Array;
}

/** One entry point for the server route and the web app's buttons: same bytes from both. */
export function exportBoard(format: "adr", input: ExportInput): BinaryExport;
export function exportBoard(format: Exclude<ExportFormat, "adr">, input: ExportInput): TextExport;
export function exportBoard(format: ExportFormat, input: ExportInput): TextExport | BinaryExport;
export function exportBoard(format: ExportFormat, input: ExportInput): TextExport | BinaryExport {
  const view = () => interpretBoard(parseBoard(input.snapshot), input.votes);
  const meta = {
    title: input.title,
    exportedAt: input.exportedAt,
    participants: input.participants ?? [],
    prework: input.prework ?? null,
    ...(input.groups ? { groups: input.groups } : {}),
  };
  switch (format) {
    case "md":
      return {
        contentType: "text/markdown; charset=utf-8",
        extension: "md",
        body: exportMarkdown(view(), { ...meta, comments: new BriefComments(input.comments) }),
      };
    case "csv":
      return { contentType: "text/csv; charset=utf-8", extension: "csv", body: exportCsv(view(), new BriefComments(input.comments), input.groups) };
    case "json": {
      const backup = exportBackup(input.snapshot, input);
      return { contentType: "application/json; charset=utf-8", extension: "json", body: `${JSON.stringify(backup, null, 2)}\n` };
    }
    case "adr":
      return { contentType: "application/zip", extension: "zip", body: exportDecisionArchive(view(), meta) };
  }
}

/** One ADR as Markdown under its own file name (RULE 31); null when the board has no ADR with that number. */
export function exportOneDecision(input: ExportInput, number: number): (TextExport & { fileName: string }) | null {
  const view = interpretBoard(parseBoard(input.snapshot), input.votes);
  const decision = view.decisions.find((d) => d.number === number);
  if (!decision) return null;
  const body = exportDecision(view, number, { title: input.title, exportedAt: input.exportedAt });
  return body === null ? null : { contentType: "text/markdown; charset=utf-8", extension: "md", body, fileName: adrFileName(decision) };
}
