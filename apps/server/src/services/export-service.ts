import { snapshotBoard, writeSnapshot } from "@quadrant/board-model";
import { type FacilitationState, rankVotes, roster } from "@quadrant/facilitation";
import type { BoardImported } from "@quadrant/protocol";
import { type ExportFormat, exportBoard, importBackup } from "@quadrant/templates";
import { type BoardAccess, requirePermission } from "./board-access";
import type { BoardService } from "./board-service";
import { ServiceError } from "./service-error";

export interface ExportServiceDeps {
  boards: BoardService;
  /** The board's facilitation state, loaded or stored (votes go into exports). */
  facilitationState: (boardId: string) => Promise<FacilitationState>;
  now: () => Date;
}

export interface BoardExport {
  body: string;
  contentType: string;
  fileName: string;
}

/** Votes of the newest finished vote, or of the open vote once it is revealed. */
export function votesOf(state: FacilitationState): Map<string, number> {
  const vote = state.vote;
  const ranking =
    vote && vote.status === "revealed" ? rankVotes(vote) : (state.voteResults[state.voteResults.length - 1]?.ranking ?? []);
  return new Map(ranking.map((r) => [r.noteId, r.votes]));
}

function fileName(title: string, extension: string): string {
  const safe = title.replace(/[^A-Za-z0-9 _-]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "board";
  return `${safe}.${extension}`;
}

/** Exports computed from the server's copy of the document by @quadrant/templates; backups imported as new boards. */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  async export(access: BoardAccess, format: ExportFormat): Promise<BoardExport> {
    requirePermission(access, "board.export");
    const { board } = access;
    const snapshot = await this.deps.boards.readDocument(board.id, snapshotBoard);
    const facilitation = await this.deps.facilitationState(board.id);
    const out = exportBoard(format, {
      snapshot,
      title: board.title,
      template: board.template,
      exportedAt: this.deps.now(),
      votes: votesOf(facilitation),
      participants: roster(facilitation),
    });
    return { body: out.body, contentType: out.contentType, fileName: fileName(board.title, out.extension) };
  }

  /** A new board from a JSON backup; what sanitising removed is in `dropped` (RULE 19). */
  async import(body: unknown): Promise<BoardImported> {
    const imported = importBackup(body);
    if (!imported.ok) throw new ServiceError("invalid", "invalid_backup", imported.message);
    const created = await this.deps.boards.create(imported.backup.board);
    // Resolves once the contents are durable, so the new board's first reader sees them.
    await this.deps.boards.changeDocument(created.id, (doc) => writeSnapshot(doc, imported.snapshot));
    return { ...created, dropped: imported.dropped };
  }
}
