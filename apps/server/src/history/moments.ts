import type { HistoryTrigger } from "@quadrant/protocol";
import type { FacilitationState } from "@quadrant/facilitation";

/** A facilitation moment worth a snapshot: why, and what the history list says. */
export interface Moment {
  trigger: HistoryTrigger;
  label: string;
}

function revealed(round: { id: number; status: string } | null): number | null {
  return round?.status === "revealed" ? round.id : null;
}

/**
 * The moments a command crossed (docs/history.md, "When snapshots are taken"): a private
 * brainstorm, a vote, a scoring or a rating round revealed, or the agenda moved to another step.
 * Pure: compares the state before and after one command, so a retried or replayed command that
 * changes nothing takes no snapshot.
 */
export function momentsBetween(before: FacilitationState, after: FacilitationState): Moment[] {
  const moments: Moment[] = [];
  if (before.brainstorm.on && !after.brainstorm.on) moments.push({ trigger: "brainstorm-reveal", label: "Private brainstorm revealed" });
  const vote = revealed(after.vote);
  if (vote !== null && vote !== revealed(before.vote)) moments.push({ trigger: "vote-reveal", label: `Vote ${vote} revealed` });
  const scoring = revealed(after.scoring);
  if (scoring !== null && scoring !== revealed(before.scoring)) moments.push({ trigger: "scoring-reveal", label: "Scores revealed" });
  const rating = after.rating?.status === "revealed" && before.rating?.status !== "revealed";
  if (rating) moments.push({ trigger: "rating-reveal", label: "Health ratings revealed" });
  const step = after.agenda.steps[after.agenda.current];
  if (after.agenda.current !== before.agenda.current && step) {
    moments.push({ trigger: "agenda-step", label: `Agenda: ${step.title}` });
  }
  return moments;
}
