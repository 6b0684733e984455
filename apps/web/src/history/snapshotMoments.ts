import type { FacilitationView } from "@quadrant/facilitation";

/**
 * What of the facilitation view changes when the server takes a snapshot of a moment
 * (apps/server/src/history/moments.ts: a private brainstorm ending, a vote, scoring or rating
 * round revealed, the agenda moving to another step). Two views with the same key crossed no
 * such moment; a new key means the history list has probably gained an entry.
 */
export function snapshotMomentKey(view: FacilitationView): string {
  const round = (r: { id: number; status: string } | null) => (r ? `${r.id}:${r.status}` : "-");
  return [view.brainstorm.on ? "private" : "open", round(view.vote), round(view.scoring), round(view.rating), view.agenda.current].join("|");
}
