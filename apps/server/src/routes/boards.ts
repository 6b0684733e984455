import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  BoardCreated,
  BoardIdParams,
  BoardInfo,
  CreateBoardBody,
  ErrorBody,
  RenameBoardBody,
  RotateLinksBody,
  RotatedLinks,
  ServerInfo,
} from "@quadrant/protocol";
import { hashToken, newBoardId, newBoardTokens, newToken } from "../auth/tokens";
import type { BoardRecord, Storage } from "../storage/storage";
import type { RoomRegistry } from "../sync/room-registry";
import { authorizeBoard, requestToken } from "./board-access";
import { forbidden, notFound } from "./http-error";

export interface BoardRoutesOptions {
  storage: Storage;
  registry: RoomRegistry;
  now: () => Date;
  /** Throws unless the request carries BOARD_CREATE_KEY (when one is set). */
  checkCreateKey: (request: FastifyRequest) => void;
  createKeyRequired: boolean;
}

/** Strict like the bodies: an unknown query parameter is a 400 that names it (docs/api.md). */
const TokenQuery = z.strictObject({ token: z.string().optional() });
const NoQuery = z.strictObject({});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

function info(board: BoardRecord, role: BoardInfo["role"]): BoardInfo {
  return { id: board.id, title: board.title, template: board.template, createdAt: board.createdAt, role };
}

/** REST for boards: thin adapters over storage and the room registry. */
export const boardRoutes: FastifyPluginAsyncZod<BoardRoutesOptions> = async (app, options) => {
  const { storage, registry, now } = options;

  app.get(
    "/api/config",
    {
      schema: {
        summary: "What a client must know before creating a board",
        querystring: NoQuery,
        response: { 200: ServerInfo },
      },
    },
    async () => ({ createKeyRequired: options.createKeyRequired }),
  );

  app.post(
    "/api/boards",
    {
      schema: {
        summary: "Create a board",
        description:
          "Returns the board and three capability tokens (facilitator, editor, viewer). Tokens are shown only once. " +
          "When the server sets BOARD_CREATE_KEY, send it in the `X-Create-Key` header (401 without it, 403 when wrong).",
        querystring: NoQuery,
        body: CreateBoardBody,
        response: { 201: BoardCreated, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
      // Before the body is validated: a caller without the key learns nothing else.
      preValidation: async (request) => options.checkCreateKey(request),
    },
    async (request, reply) => {
      const { tokens, hashes } = newBoardTokens();
      const board: BoardRecord = {
        id: newBoardId(),
        title: request.body.title,
        template: request.body.template,
        createdAt: now().toISOString(),
        tokenHashes: hashes,
      };
      await storage.createBoard(board);
      return reply.status(201).send({
        id: board.id,
        title: board.title,
        template: board.template,
        createdAt: board.createdAt,
        tokens,
      });
    },
  );

  app.get(
    "/api/boards/:id",
    {
      schema: {
        summary: "Board metadata and the caller's role",
        description: "Any role's token, as `Authorization: Bearer <token>` or `?token=`.",
        params: BoardIdParams,
        querystring: TokenQuery,
        response: { 200: BoardInfo, ...errors },
      },
    },
    async (request) => {
      const { board, role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      return info(board, role);
    },
  );

  app.patch(
    "/api/boards/:id",
    {
      schema: {
        summary: "Rename a board (facilitator)",
        params: BoardIdParams,
        querystring: TokenQuery,
        body: RenameBoardBody,
        response: { 200: BoardInfo, ...errors },
      },
    },
    async (request) => {
      const { role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      if (role !== "facilitator") throw forbidden();
      const updated = await storage.updateBoard(request.params.id, { title: request.body.title });
      if (!updated) throw notFound();
      return info(updated, role);
    },
  );

  app.post(
    "/api/boards/:id/rotate-links",
    {
      schema: {
        summary: "Rotate the editor and/or viewer link (facilitator)",
        description:
          "Issues new tokens for the named roles; the old links stop working at once and every socket opened with them " +
          "closes with close code 4401, on every instance.",
        params: BoardIdParams,
        querystring: TokenQuery,
        body: RotateLinksBody,
        response: { 200: RotatedLinks, ...errors },
      },
    },
    async (request) => {
      const { role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      if (role !== "facilitator") throw forbidden("only the facilitator link can rotate links");
      const roles = [...new Set(request.body.roles)];
      const tokens: RotatedLinks["tokens"] = {};
      const hashes: Partial<Record<(typeof roles)[number], string>> = {};
      for (const rotated of roles) {
        const token = newToken();
        tokens[rotated] = token;
        hashes[rotated] = hashToken(token);
      }
      const updated = await storage.updateBoard(request.params.id, { tokenHashes: hashes });
      if (!updated) throw notFound();
      registry.revokeRoles(request.params.id, roles);
      request.log.info({ boardId: request.params.id, roles }, "links rotated");
      return { tokens };
    },
  );

  app.delete(
    "/api/boards/:id",
    {
      schema: {
        summary: "Delete a board (facilitator)",
        description: "Closes its open sockets with close code 4404 (BoardDeleted) and deletes all its data.",
        params: BoardIdParams,
        querystring: TokenQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      if (role !== "facilitator") throw forbidden();
      await registry.deleteBoard(request.params.id);
      await storage.deleteBoard(request.params.id);
      return reply.status(204).send(null);
    },
  );
};
