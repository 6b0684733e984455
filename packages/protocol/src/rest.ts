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
