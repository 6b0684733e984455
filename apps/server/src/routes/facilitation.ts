import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BoardIdParams, ErrorBody } from "@quadrant/protocol";
import { Command, FacilitationView } from "@quadrant/facilitation";
import type { FacilitationService } from "../facilitation/facilitation-service";
import type { BoardService } from "../services/board-service";
import { restParticipant } from "../services/participant";
import { requestToken } from "./request-token";

export interface FacilitationRoutesOptions {
  boards: BoardService;
  facilitation: FacilitationService;
}

const Query = z.strictObject({ token: z.string().optional(), participant: z.string().max(128).optional() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * REST access to the facilitation state, for scripts, exports and tests. It goes
 * through the same reducer and permission table as the websocket channel.
 */
export const facilitationRoutes: FastifyPluginAsyncZod<FacilitationRoutesOptions> = async (app, { boards, facilitation }) => {
  app.get(
    "/api/boards/:id/facilitation",
    {
      schema: {
        summary: "The caller's view of the facilitation state",
        description:
          "Redacted for the caller's role and `participant`: never another person's ballot, scores or private notes. " +
          "Without a `participant` of at least 16 characters, the caller is the participant of its link and address.",
        params: BoardIdParams,
        querystring: Query,
        response: { 200: FacilitationView, ...errors },
      },
    },
    async (request) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      return facilitation.view(access, restParticipant(request.query.participant, access, request.ip));
    },
  );

  app.post(
    "/api/boards/:id/facilitation/commands",
    {
      schema: {
        summary: "Run a facilitation command",
        description: "Facilitator-only commands need the facilitator token; refusals answer 403 (role) or 409 (state).",
        params: BoardIdParams,
        querystring: Query,
        body: z.strictObject({ command: Command }),
        response: { 200: FacilitationView, ...errors },
      },
    },
    async (request) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      return facilitation.command(access, restParticipant(request.query.participant, access, request.ip), request.body.command);
    },
  );
};
