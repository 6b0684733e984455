import type { PreworkAnswer, PreworkItem, PreworkKind, PreworkState } from "./state";
import { preworkClosed } from "./prework";

export interface PreworkViewPart {
  id: number;
  kind: PreworkKind;
  status: "open" | "revealed";
  instruction: string;
  deadline: number;
  closed: boolean;
  items: PreworkItem[];
  votesPerPerson: number;
  allowStacking: boolean;
  mine: { at: number; answer: PreworkAnswer | null } | null;
  finished: { count: number; who: Array<{ name: string; at: number }> } | null;
}

/**
 * One caller's view of the pre-work: their own answer and nobody else's. The facilitator gets who
 * finished by name and time only; participant ids stay on the server (they key the answers).
 */
export function preworkView(prework: PreworkState | null, participantId: string, facilitator: boolean, now: number): PreworkViewPart | null {
  if (!prework) return null;
  const own = prework.submissions[participantId];
  return {
    id: prework.id,
    kind: prework.kind,
    status: prework.status,
    instruction: prework.instruction,
    deadline: prework.deadline,
    closed: preworkClosed(prework, now),
    items: prework.items.map((i) => ({ ...i })),
    votesPerPerson: prework.votesPerPerson,
    allowStacking: prework.allowStacking,
    mine: own ? { at: own.at, answer: own.answer } : null,
    finished: facilitator
      ? {
          count: Object.keys(prework.submissions).length,
          who: Object.values(prework.submissions)
            .sort((a, b) => a.at - b.at)
            .map((s) => ({ name: s.name, at: s.at })),
        }
      : null,
  };
}
