import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BoardIdParams, CheckpointBody, ErrorBody, HistoryDetail, HistoryEntry, HistoryEntryParams, HistoryList, HistoryRestored } from "@quadrant/protocol";
import type { HistoryService } from "../history/history-service";
import type { HistoryMeta } from "../storage/storage";
import type { BoardService } from "../services/board-service";
import { requestToken } from "./request-token";

export interface HistoryRoutesOptions {
  boards: BoardService;
  history: HistoryService;
}

const Query = z.strictObject({ token: z.string().optional() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** What a client sees of a stored snapshot: no board id (it is in the URL). */
function entryOf(meta: HistoryMeta): HistoryEntry {
  const { boardId: _boardId, ...entry } = meta;
  return entry;
}

/**
 * Board history (docs/history.md): any link lists and opens snapshots; the facilitator link
 * makes checkpoints and restores. Thin: the rules are HistoryService's and board-access.ts's.
 */
export const historyRoutes: FastifyPluginAsyncZod<HistoryRoutesOptions> = async (app, { boards, history }) => {
  app.get(
    "/api/boards/:id/history",
    {
      schema: {
        summary: "The board's history snapshots, newest first (metadata only)",
        params: BoardIdParams,
        querystring: Query,
        response: { 200: HistoryList, ...errors },
      },
    },
    async (request) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      return { entries: (await history.list(access)).map(entryOf) };
    },
  );

  app.get(
    "/api/boards/:id/history/:entryId",
    {
      schema: {
        summary: "One snapshot, read-only: its elements and files, and how the live board differs from it",
        params: HistoryEntryParams,
        querystring: Query,
        response: { 200: HistoryDetail, ...errors },
      },
    },
    async (request) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      const detail = await history.detail(access, request.params.entryId);
      return { ...detail, entry: entryOf(detail.entry) };
    },
  );

  app.post(
    "/api/boards/:id/history/checkpoints",
    {
      schema: {
        summary: "Make a named checkpoint of the board as it is now (facilitator link)",
        params: BoardIdParams,
        querystring: Query,
        body: CheckpointBody,
        response: { 201: HistoryEntry, ...errors },
      },
    },
    async (request, reply) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      const entry = await history.checkpoint(access, request.body.label);
      return reply.code(201).send(entryOf(entry));
    },
  );

  app.post(
    "/api/boards/:id/history/:entryId/restore",
    {
      schema: {
        summary: "Restore the board to a snapshot, in place, for everyone connected (facilitator link)",
        description:
          "First saves the board as it is as a snapshot ('Before restore of …'), then makes the live board equal to the snapshot " +
          "as one change every connected client receives. The facilitation state (an open vote, the timer, the agenda) is not rolled back.",
        params: HistoryEntryParams,
        querystring: Query,
        response: { 200: HistoryRestored, ...errors },
      },
    },
    async (request) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      const { restored, saved } = await history.restore(access, request.params.entryId);
      return { restored: entryOf(restored), saved: entryOf(saved) };
    },
  );
};
