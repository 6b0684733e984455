import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BoardIdParams, BoardImported, ErrorBody, ExportQuery } from "@quadrant/protocol";
import type { BoardService } from "../services/board-service";
import type { ExportService } from "../services/export-service";
import { requestToken } from "./request-token";

export interface ExportRoutesOptions {
  boards: BoardService;
  exports: ExportService;
  /** Throws unless the request carries BOARD_CREATE_KEY (when one is set): import creates a board. */
  checkCreateKey: (request: FastifyRequest) => void;
}

const NoQuery = z.strictObject({});
/** The file: text (md, csv, json, one ADR) or, for the ADR archive, the bytes of a .zip. */
const ExportFile = z.union([
  z.string(),
  z.instanceof(Buffer).meta({ type: "string", format: "binary", description: "application/zip" }),
]);
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** Backups carry images as data URLs: far above Fastify's 1 MiB default. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/** Board exports and JSON import: validate, authenticate, delegate to the export service. */
export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, { boards, exports, checkCreateKey }) => {
  app.get(
    "/api/boards/:id/export",
    {
      schema: {
        summary: "Export a board (facilitator or editor)",
        description:
          "`format=md` the strategy brief, `csv` one row per note, `json` a backup that POST /api/boards/import accepts, " +
          "`adr` every decision record as a .zip of Markdown files (`ADR-001-<title>.md`, application/zip). " +
          "`format=adr&number=N` answers ADR-N alone as Markdown, or 404 when the board has no ADR-N; " +
          "`number` with any other format is a 400. Comment threads appear in the brief under their items and as a " +
          "count in the CSV: open ones by default, resolved ones too with `comments=all`.",
        params: BoardIdParams,
        querystring: ExportQuery,
        response: { 200: ExportFile, ...errors },
      },
    },
    async (request, reply) => {
      const access = await boards.authorize(request.params.id, requestToken(request));
      const out = await exports.export(access, request.query);
      // Fastify sends a Buffer as raw bytes; the zip must not go through the string serializer.
      const body = typeof out.body === "string" ? out.body : Buffer.from(out.body.buffer, out.body.byteOffset, out.body.byteLength);
      return reply
        .header("content-type", out.contentType)
        .header("content-disposition", `attachment; filename="${out.fileName}"`)
        .header("cache-control", "no-store")
        .send(body);
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
        // Checked by the export service (importBackup), which names the offending path (RULE 19).
        body: z.unknown(),
        response: { 201: BoardImported, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
      preValidation: async (request) => checkCreateKey(request),
    },
    async (request, reply) => {
      const imported = await exports.import(request.body);
      const { dropped } = imported;
      if (dropped.length > 0) request.log.info({ dropped: dropped.slice(0, 20), count: dropped.length }, "import dropped unsafe content");
      return reply.status(201).send(imported);
    },
  );
};
