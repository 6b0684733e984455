import type { HistoryDiff, HistoryTrigger } from "@quadrant/protocol";

/** What the history list calls each kind of snapshot. */
export const TRIGGER_NAMES: Record<HistoryTrigger, string> = {
  checkpoint: "Checkpoint",
  interval: "Autosave",
  "brainstorm-reveal": "Brainstorm reveal",
  "vote-reveal": "Vote reveal",
  "scoring-reveal": "Scores reveal",
  "rating-reveal": "Ratings reveal",
  "agenda-step": "Agenda step",
  "before-restore": "Before restore",
};

/** "14:05" today, "Mon 14:05" this week, else "3 Dec 14:05"; in the viewer's time zone. */
export function whenText(createdAt: string, now: Date): string {
  const at = new Date(createdAt);
  if (Number.isNaN(at.getTime())) return createdAt;
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (at.toDateString() === now.toDateString()) return time;
  const days = (now.getTime() - at.getTime()) / 86_400_000;
  const day = days < 6 ? at.toLocaleDateString([], { weekday: "short" }) : at.toLocaleDateString([], { day: "numeric", month: "short" });
  return `${day} ${time}`;
}

/** "Nothing changed since" or "Since then: 2 added, 1 moved, 3 removed". */
export function diffText(diff: HistoryDiff): string {
  const parts = (
    [
      [diff.added, "added"],
      [diff.moved, "moved"],
      [diff.removed, "removed"],
      [diff.changed, "changed"],
    ] as const
  )
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${what}`);
  return parts.length === 0 ? "The live board is the same as this version." : `Since then: ${parts.join(", ")}.`;
}

export function editorsText(editors: readonly string[]): string {
  if (editors.length === 0) return "";
  if (editors.length <= 3) return editors.join(", ");
  return `${editors.slice(0, 3).join(", ")} +${editors.length - 3}`;
}
