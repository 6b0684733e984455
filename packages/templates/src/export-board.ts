import { type BoardSnapshot, parseBoard } from "@quadrant/board-model";
import type { TemplateKind } from "@quadrant/protocol";
import { exportBackup } from "./backup";
import { exportCsv } from "./export-csv";
import { exportMarkdown } from "./export-markdown";
import { type Votes, interpretBoard } from "./interpret";

export const EXPORT_FORMATS = ["md", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportInput {
  snapshot: BoardSnapshot;
  title: string;
  template: TemplateKind;
  exportedAt: Date;
  votes?: Votes;
  /** Who took part (the facilitation roster, filled by the server): names and the role of their link. */
  participants?: Array<{ name: string; role: "facilitator" | "editor" | "viewer" }>;
}

/** One entry point for the server route and the web app's buttons: same bytes from both. */
export function exportBoard(
  format: ExportFormat,
  input: ExportInput,
): { contentType: string; extension: string; body: string } {
  switch (format) {
    case "md": {
      const view = interpretBoard(parseBoard(input.snapshot), input.votes);
      return {
        contentType: "text/markdown; charset=utf-8",
        extension: "md",
        body: exportMarkdown(view, { title: input.title, exportedAt: input.exportedAt }),
      };
    }
    case "csv": {
      const view = interpretBoard(parseBoard(input.snapshot), input.votes);
      return { contentType: "text/csv; charset=utf-8", extension: "csv", body: exportCsv(view) };
    }
    case "json": {
      const backup = exportBackup(input.snapshot, input);
      return { contentType: "application/json; charset=utf-8", extension: "json", body: `${JSON.stringify(backup, null, 2)}\n` };
    }
  }
}
