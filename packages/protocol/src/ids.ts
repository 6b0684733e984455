import { z } from "zod";

/** 128 bits of randomness, base64url: 22 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** 256 bits of randomness, base64url: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const BoardId = z
  .string()
  .regex(BOARD_ID_PATTERN, "a board id is 22 characters of A–Z, a–z, 0–9, '_' or '-'");
export type BoardId = z.infer<typeof BoardId>;

export const Token = z
  .string()
  .regex(TOKEN_PATTERN, "a token is 43 characters of A–Z, a–z, 0–9, '_' or '-'");

export const ROLES = ["facilitator", "editor", "viewer"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TEMPLATE_KINDS = ["blank", "impact-effort", "swot", "theme-map"] as const;
export const TemplateKind = z.enum(TEMPLATE_KINDS);
export type TemplateKind = z.infer<typeof TemplateKind>;

/** Roles that may write the board document. */
export function canEdit(role: Role): boolean {
  return role === "facilitator" || role === "editor";
}
