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
import type { BoardService } from "../services/board-service";
import { requestToken } from "./request-token";

export interface BoardRoutesOptions {
  boards: BoardService;
  /** Throws unless the request carries BOARD_CREATE_KEY (when one is set). */
  checkCreateKey: (request: FastifyRequest) => void;
  createKeyRequired: boolean;
}

/** Strict like the bodies: an unknown query parameter is a 400 that names it (docs/api.md). */
const TokenQuery = z.strictObject({ token: z.string().optional() });
const NoQuery = z.strictObject({});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** REST for boards: validate, authenticate the token, delegate to the board service (which authorizes the role). */
export const boardRoutes: FastifyPluginAsyncZod<BoardRoutesOptions> = async (app, options) => {
  const { boards } = options;

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
    async (request, reply) => reply.status(201).send(await boards.create(request.body)),
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
    async (request) => boards.info(await boards.authorize(request.params.id, requestToken(request))),
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
      const access = await boards.authorize(request.params.id, requestToken(request));
      return boards.rename(access, request.body.title);
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
      const access = await boards.authorize(request.params.id, requestToken(request));
      const rotated = await boards.rotateLinks(access, request.body.roles);
      request.log.info({ boardId: request.params.id, roles: Object.keys(rotated.tokens) }, "links rotated");
      return rotated;
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
      await boards.delete(await boards.authorize(request.params.id, requestToken(request)));
      return reply.status(204).send(null);
    },
  );
};
