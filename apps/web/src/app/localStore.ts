import { z } from "zod";
import { Role, TemplateKind } from "@quadrant/protocol";

/** Everything Quadrant keeps in localStorage, each key checked with zod on read. */
const KEYS = { boards: "quadrant.boards.v1", identity: "quadrant.identity.v1" } as const;

export const RememberedBoard = z.object({
  id: z.string(),
  title: z.string(),
  template: TemplateKind,
  /** The best role we hold a link for, and that link's token. */
  role: Role,
  token: z.string(),
  /** All three tokens when this browser created the board. */
  tokens: z.object({ facilitator: z.string(), editor: z.string(), viewer: z.string() }).optional(),
  openedAt: z.number(),
});
export type RememberedBoard = z.infer<typeof RememberedBoard>;

export const Identity = z.object({
  name: z.string().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type Identity = z.infer<typeof Identity>;

function read<T>(schema: z.ZodType<T>, key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const ROLE_RANK: Record<Role, number> = { facilitator: 3, editor: 2, viewer: 1 };

export function listBoards(): RememberedBoard[] {
  return (read(z.array(RememberedBoard), KEYS.boards) ?? []).sort((a, b) => b.openedAt - a.openedAt);
}

/** Upsert by id; never downgrade a role we already hold a link for. */
export function rememberBoard(board: RememberedBoard): void {
  const boards = listBoards();
  const existing = boards.find((b) => b.id === board.id);
  const merged: RememberedBoard = existing && ROLE_RANK[existing.role] > ROLE_RANK[board.role]
    ? { ...existing, title: board.title, openedAt: board.openedAt }
    : { ...existing, ...board, tokens: board.tokens ?? existing?.tokens };
  const next = [merged, ...boards.filter((b) => b.id !== board.id)].slice(0, 50);
  localStorage.setItem(KEYS.boards, JSON.stringify(next));
}

export function forgetBoard(id: string): void {
  localStorage.setItem(KEYS.boards, JSON.stringify(listBoards().filter((b) => b.id !== id)));
}

export function findBoard(id: string): RememberedBoard | undefined {
  return listBoards().find((b) => b.id === id);
}

export function loadIdentity(): Identity | null {
  return read(Identity, KEYS.identity);
}

export function saveIdentity(identity: Identity): void {
  localStorage.setItem(KEYS.identity, JSON.stringify(identity));
}

/** Distinct, readable on white, and distinguishable from each other. */
export const PERSON_COLORS = ["#e03131", "#2f9e44", "#1971c2", "#f08c00", "#9c36b5", "#0c8599", "#c2255c", "#5f3dc4", "#e8590c", "#099268"] as const;

export function randomColor(random: () => number): string {
  return PERSON_COLORS[Math.floor(random() * PERSON_COLORS.length)] ?? PERSON_COLORS[0];
}
