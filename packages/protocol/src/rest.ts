import { z } from "zod";
import { BoardId, Role, TemplateKind } from "./ids";

/** Every REST error has this body: a stable machine code and a sentence for people. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const BoardTitle = z
  .string()
  .trim()
  .min(1, "title must not be empty")
  .max(200, "title must be at most 200 characters");

export const CreateBoardBody = z.strictObject({
  title: BoardTitle,
  template: TemplateKind,
});
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;

export const BoardTokens = z.object({
  facilitator: z.string(),
  editor: z.string(),
  viewer: z.string(),
});
export type BoardTokens = z.infer<typeof BoardTokens>;

/** Response of POST /api/boards. Outside tools rely on this exact shape (tokens.editor). */
export const BoardCreated = z.object({
  id: BoardId,
  title: z.string(),
  template: TemplateKind,
  createdAt: z.string(),
  tokens: BoardTokens,
});
export type BoardCreated = z.infer<typeof BoardCreated>;

/** Response of POST /api/boards/import: as creation, plus what sanitising removed ("files.f1: not a raster image …"). */
export const BoardImported = BoardCreated.extend({
  dropped: z.array(z.string()),
});
export type BoardImported = z.infer<typeof BoardImported>;

/** Response of GET /api/boards/:id: the metadata and the caller's role. */
export const BoardInfo = z.object({
  id: BoardId,
  title: z.string(),
  template: TemplateKind,
  createdAt: z.string(),
  role: Role,
});
export type BoardInfo = z.infer<typeof BoardInfo>;

export const RenameBoardBody = z.strictObject({
  title: BoardTitle,
});
export type RenameBoardBody = z.infer<typeof RenameBoardBody>;

export const BoardIdParams = z.strictObject({ id: BoardId });

/** The links a facilitator may rotate (their own link stays: it is how they got here). */
export const RotatableRole = z.enum(["editor", "viewer"]);
export type RotatableRole = z.infer<typeof RotatableRole>;

export const RotateLinksBody = z.strictObject({
  roles: z.array(RotatableRole).min(1, "name at least one role to rotate").max(2),
});
export type RotateLinksBody = z.infer<typeof RotateLinksBody>;

/** Response of POST /api/boards/:id/rotate-links: the new tokens of the rotated roles. */
export const RotatedLinks = z.object({
  tokens: z.object({ editor: z.string().optional(), viewer: z.string().optional() }),
});
export type RotatedLinks = z.infer<typeof RotatedLinks>;

/** Response of GET /api/config: what a client must know before creating a board. */
export const ServerInfo = z.object({
  /** True when POST /api/boards and import need the operator's key in `X-Create-Key`. */
  createKeyRequired: z.boolean(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

/** Header that carries BOARD_CREATE_KEY. */
export const CREATE_KEY_HEADER = "x-create-key";

/**
 * What GET /api/boards/:id/export can answer: `md` the strategy brief, `csv` one row per note,
 * `json` a backup, `adr` the decision records (a .zip of all, or one .md with `number`).
 */
export const EXPORT_FORMATS = ["md", "csv", "json", "adr"] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Query of GET /api/boards/:id/export; `number` picks one ADR and only goes with `format=adr`. */
export const ExportQuery = z
  .strictObject({
    token: z.string().optional(),
    format: ExportFormat,
    // A query string is text: checked as digits, then read as a number.
    number: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, "number is an ADR number (1, 2, 3, …)")
      .transform(Number)
      .optional(),
    /** Comment threads in the brief and the CSV count: `open` (the default) or `all` (resolved ones too). */
    comments: z.enum(["open", "all"], { error: "comments is open (the default) or all (resolved threads too)" }).optional(),
  })
  .refine((q) => q.number === undefined || q.format === "adr", {
    message: "number only goes with format=adr",
    path: ["number"],
  });
export type ExportQuery = z.infer<typeof ExportQuery>;
