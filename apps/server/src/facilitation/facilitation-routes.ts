import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BoardIdParams, ErrorBody } from "@quadrant/protocol";
import { Command, FacilitationView, parseState, viewFor } from "@quadrant/facilitation";
import type { Storage } from "../storage/storage";
import type { RoomRegistry } from "../sync/room-registry";
import { authorizeBoard, requestToken } from "../routes/board-access";
import { HttpError } from "../routes/http-error";
import type { FacilitationService } from "./facilitation-service";

export interface FacilitationRoutesOptions {
  storage: Storage;
  registry: RoomRegistry;
  facilitation: FacilitationService;
  now: () => number;
}

const Query = z.strictObject({ token: z.string().optional(), participant: z.string().max(128).optional() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Same rule as the websocket (participantOf): short or odd ids are not trusted as identities. */
function participantFrom(query: z.infer<typeof Query>): string {
  const claimed = query.participant;
  return claimed && claimed.length >= 16 && /^[A-Za-z0-9_-]{16,64}$/.test(claimed) ? claimed : "rest-anonymous";
}

/**
 * REST access to the facilitation state, for scripts, exports and tests. It goes
 * through the same reducer and permission table as the websocket channel.
 */
export const facilitationRoutes: FastifyPluginAsyncZod<FacilitationRoutesOptions> = async (
  app,
  { storage, registry, facilitation, now },
) => {
  app.get(
    "/api/boards/:id/facilitation",
    {
      schema: {
        summary: "The caller's view of the facilitation state",
        description: "Redacted for the caller's role and `participant`: never another person's ballot, scores or private notes.",
        params: BoardIdParams,
        querystring: Query,
        response: { 200: FacilitationView, ...errors },
      },
    },
    async (request) => {
      const { role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      const loaded = facilitation.stateOf(request.params.id);
      const state = loaded ?? parseState(await storage.getControlState(request.params.id));
      return viewFor(state, participantFrom(request.query), role, now());
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
      const { role } = await authorizeBoard(storage, request.params.id, requestToken(request));
      const room = await registry.acquire(request.params.id);
      const participantId = participantFrom(request.query);
      const result = await facilitation.submit(room, { participantId, role }, request.body.command);
      if (!result.ok) {
        throw new HttpError(result.reason === "forbidden" ? 403 : 409, result.reason, result.message);
      }
      return viewFor(result.state, participantId, role, now());
    },
  );
};
