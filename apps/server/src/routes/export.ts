import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { snapshotBoard, writeSnapshot } from "@quadrant/board-model";
import { type FacilitationState, rankVotes } from "@quadrant/facilitation";
import { BoardIdParams, BoardImported, ErrorBody, canEdit } from "@quadrant/protocol";
import { EXPORT_FORMATS, exportBoard, importBackup } from "@quadrant/templates";
import { newBoardId, newBoardTokens } from "../auth/tokens";
import type { BoardRecord, Storage } from "../storage/storage";
import type { RoomRegistry } from "../sync/room-registry";
import { authorizeBoard, requestToken } from "./board-access";
import { HttpError, forbidden } from "./http-error";

export interface ExportRoutesOptions {
  storage: Storage;
  registry: RoomRegistry;
  now: () => Date;
  /** The board's revealed votes per note (facilitation); none when absent. */
  votes?: (boardId: string) => Promise<ReadonlyMap<string, number>>;
  /** Throws unless the request carries BOARD_CREATE_KEY (when one is set): import creates a board. */
  checkCreateKey: (request: FastifyRequest) => void;
}

const ExportQuery = z.strictObject({ token: z.string().optional(), format: z.enum(EXPORT_FORMATS) });
const NoQuery = z.strictObject({});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** Backups carry images as data URLs: far above Fastify's 1 MiB default. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

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

/** Exports computed from the server's copy of the document by @quadrant/templates; JSON import. */
export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, options) => {
  const { storage, registry, now } = options;

  app.get(
    "/api/boards/:id/export",
    {
      schema: {
        summary: "Export a board (facilitator or editor)",
        description:
          "`format=md` the strategy brief, `csv` one row per note, `json` a backup that POST /api/boards/import accepts.",
        params: BoardIdParams,
        querystring: ExportQuery,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const { board, role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      if (!canEdit(role)) throw forbidden("exports need the facilitator or editor link");
      const room = await registry.acquire(board.id);
      const out = exportBoard(request.query.format, {
        snapshot: snapshotBoard(room.doc),
        title: board.title,
        template: board.template,
        exportedAt: now(),
        votes: options.votes ? await options.votes(board.id) : new Map(),
      });
      return reply
        .header("content-type", out.contentType)
        .header("content-disposition", `attachment; filename="${fileName(board.title, out.extension)}"`)
        .header("cache-control", "no-store")
        .send(out.body);
    },
  );

  app.post(
    "/api/boards/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary: "Create a board from a JSON backup",
        description:
          "The body is a backup from GET /api/boards/:id/export?format=json. Answers like POST /api/boards, plus " +
          "`dropped`: unsafe links, non-image files and elements of absurd size removed on the way in.",
        querystring: NoQuery,
        // Checked by importBackup, which names the offending path (RULE 19).
        body: z.unknown(),
        response: { 201: BoardImported, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
      preValidation: async (request) => options.checkCreateKey(request),
    },
    async (request, reply) => {
      const imported = importBackup(request.body);
      if (!imported.ok) throw new HttpError(400, "invalid_backup", imported.message);
      if (imported.dropped.length > 0) request.log.info({ dropped: imported.dropped.slice(0, 20), count: imported.dropped.length }, "import dropped unsafe content");
      const { tokens, hashes } = newBoardTokens();
      const board: BoardRecord = {
        id: newBoardId(),
        title: imported.backup.board.title,
        template: imported.backup.board.template,
        createdAt: now().toISOString(),
        tokenHashes: hashes,
      };
      await storage.createBoard(board);
      const room = await registry.acquire(board.id);
      // Resolves once the contents are durable, so the new board's first reader sees them.
      await room.applyServerChange((doc) => writeSnapshot(doc, imported.snapshot));
      return reply.status(201).send({
        id: board.id,
        title: board.title,
        template: board.template,
        createdAt: board.createdAt,
        tokens,
        dropped: imported.dropped,
      });
    },
  );
};
