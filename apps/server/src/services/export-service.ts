import { snapshotBoard, writeSnapshot } from "@quadrant/board-model";
import { type FacilitationState, backupOf, exportedThreads, groupRoster, newJoinCode, preworkRoster, rankVotes, restoredState, roster } from "@quadrant/facilitation";
import type { BoardImported, ExportQuery } from "@quadrant/protocol";
import { type BackupHistoryEntry, type ExportInput, exportBoard, exportOneDecision, importBackup } from "@quadrant/templates";
import { type BoardAccess, requirePermission } from "./board-access";
import type { BoardService } from "./board-service";
import { ServiceError, notFound } from "./service-error";

export interface ExportServiceDeps {
  boards: BoardService;
  /** The board's facilitation state, loaded or stored (votes go into exports). */
  facilitationState: (boardId: string) => Promise<FacilitationState>;
  /** The board's history labels, newest first (the JSON backup lists them). */
  historyLabels: (boardId: string) => Promise<BackupHistoryEntry[]>;
  /** Stores a new board's control state (a restored backup's outcomes), before anyone can join it. */
  restoreFacilitation: (boardId: string, state: FacilitationState) => Promise<void>;
  now: () => Date;
}

export interface BoardExport {
  /** Text for md, csv, json and one ADR; bytes for the ADR archive (a .zip). */
  body: string | Uint8Array;
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

/** Who did the pre-work (names, never answers) for the brief's "Pre-work" section. */
function exportPrework(state: FacilitationState): ExportInput["prework"] {
  const done = preworkRoster(state);
  return done && { ...done, deadline: new Date(done.deadline) };
}

function unansweredPreworkNote(people: number): string {
  return (
    `facilitation.prework: ${people} ${people === 1 ? "answer" : "answers"} not restored: answers stay secret until the reveal, so no backup ` +
    "holds them. Reveal the pre-work on the original board before backing it up, or ask those people to answer again here."
  );
}

function fileName(title: string, extension: string): string {
  const safe = title.replace(/[^A-Za-z0-9 _-]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "board";
  return `${safe}.${extension}`;
}

/** Exports computed from the server's copy of the document by @quadrant/templates; backups imported as new boards. */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  /** `query.number` (only with format=adr) picks one ADR; a number the board does not have is a 404. */
  async export(access: BoardAccess, query: Pick<ExportQuery, "format" | "number" | "comments">): Promise<BoardExport> {
    requirePermission(access, "board.export");
    const { board } = access;
    const snapshot = await this.deps.boards.readDocument(board.id, snapshotBoard);
    const facilitation = await this.deps.facilitationState(board.id);
    const input: ExportInput = {
      snapshot,
      title: board.title,
      template: board.template,
      exportedAt: this.deps.now(),
      votes: votesOf(facilitation),
      // "Who took part": the facilitation roster (names and link roles, never participant ids).
      participants: roster(facilitation),
      prework: exportPrework(facilitation),
      // Results by group as computed at each reveal (never below the anonymity floor), and who was in which group.
      groups: { results: facilitation.groups.results, members: groupRoster(facilitation) },
      // Only the JSON backup reads it; what it holds (and leaves out as secret) is backupOf's call.
      facilitation: backupOf(facilitation),
      // Open threads unless the caller asks for resolved ones too; never a comment still held by a private brainstorm.
      comments: exportedThreads(facilitation, query.comments === "all"),
      history: await this.deps.historyLabels(board.id),
    };
    if (query.format === "adr" && query.number !== undefined) {
      const one = exportOneDecision(input, query.number);
      if (!one) throw notFound(`ADR ${query.number} on this board`);
      return { body: one.body, contentType: one.contentType, fileName: one.fileName };
    }
    const out = exportBoard(query.format, input);
    const name = query.format === "adr" ? `${board.title} ADRs` : board.title;
    return { body: out.body, contentType: out.contentType, fileName: fileName(name, out.extension) };
  }

  /**
   * A new board from a JSON backup; what sanitising removed is in `dropped` (RULE 19). The backup's
   * facilitation outcomes (votes, agenda, roster) become the new board's control state, so its brief
   * equals the original's.
   */
  async import(body: unknown): Promise<BoardImported> {
    const imported = importBackup(body);
    if (!imported.ok) throw new ServiceError("invalid", "invalid_backup", imported.message);
    const created = await this.deps.boards.create(imported.backup.board);
    // Resolves once the contents are durable, so the new board's first reader sees them.
    await this.deps.boards.changeDocument(created.id, (doc) => writeSnapshot(doc, imported.snapshot));
    const outcomes = imported.backup.facilitation;
    const dropped = [...imported.dropped];
    if (outcomes) {
      const restored = restoredState(outcomes, newJoinCode);
      await this.deps.restoreFacilitation(created.id, restored.state);
      if (restored.unansweredPrework > 0) dropped.push(unansweredPreworkNote(restored.unansweredPrework));
    }
    return { ...created, dropped };
  }
}
