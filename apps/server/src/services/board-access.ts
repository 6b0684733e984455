import { BOARD_ID_PATTERN, ROLES, type Role } from "@quadrant/protocol";
import { roleForToken } from "../auth/tokens";
import type { BoardRecord, Storage } from "../storage/storage";
import { forbidden, notFound, unauthorized } from "./service-error";

/** A caller whose token was checked: the board, the role the token grants, and the token. */
export type BoardAccess = { readonly board: BoardRecord; readonly role: Role; readonly token: string };

/** Unknown board → not found; missing or foreign token → unauthorized. */
export async function authorizeBoard(storage: Storage, boardId: string, token: string | undefined): Promise<BoardAccess> {
  if (!BOARD_ID_PATTERN.test(boardId)) throw notFound();
  const board = await storage.getBoard(boardId);
  if (!board) throw notFound();
  const role = roleForToken(board.tokenHashes, token);
  if (!role || token === undefined) throw unauthorized();
  return { board, role, token };
}

interface Rule {
  roles: readonly Role[];
  /** What a refused caller is told. */
  refusal?: string;
}

const FACILITATOR_ONLY: Rule = { roles: ["facilitator"] };
const ANY_ROLE: Rule = { roles: ROLES };

/**
 * Authorization by role: every service entry point names its action here, and
 * this table is the one place that says which links may do it. Facilitation
 * commands are one action here; which role may send which command is the
 * reducer's table (COMMAND_PERMISSION in @quadrant/facilitation), and writes to
 * the document over the websocket are FacilitationService.canWrite (role + lock).
 */
const ACTIONS = {
  "board.read": ANY_ROLE,
  "board.rename": FACILITATOR_ONLY,
  "board.rotate-links": { roles: ["facilitator"], refusal: "only the facilitator link can rotate links" },
  "board.delete": FACILITATOR_ONLY,
  "board.export": { roles: ["facilitator", "editor"], refusal: "exports need the facilitator or editor link" },
  "facilitation.read": ANY_ROLE,
  "facilitation.command": ANY_ROLE,
  // Board history (docs/history.md): everyone may look back; only the facilitator keeps or restores.
  "history.read": ANY_ROLE,
  "history.checkpoint": { roles: ["facilitator"], refusal: "only the facilitator link can make checkpoints" },
  "history.restore": { roles: ["facilitator"], refusal: "only the facilitator link can restore the board from its history" },
} satisfies Record<string, Rule>;

export type BoardAction = keyof typeof ACTIONS;

export function permits(role: Role, action: BoardAction): boolean {
  const rule: Rule = ACTIONS[action];
  return rule.roles.includes(role);
}

/** Throws `forbidden` unless the caller's role may do `action`. */
export function requirePermission(access: BoardAccess, action: BoardAction): void {
  const rule: Rule = ACTIONS[action];
  if (!permits(access.role, action)) throw forbidden(rule.refusal);
}
