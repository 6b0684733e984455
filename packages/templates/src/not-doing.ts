import type { NoteView } from "./interpret";
import { byText } from "./note-order";

export const TIME_SINK_ZONE = "time-sinks";
export const TIME_SINK_REASON = "Time Sink: high effort, low impact";

export interface NotDoingView {
  note: NoteView;
  reason: string;
  kind: "dropped" | "time-sink";
}

/** RULE 28: a note the group dropped, or a matrix note in Time Sinks, is not done. */
export function notDoingKind(n: NoteView): NotDoingView["kind"] | null {
  if (n.dropped) return "dropped";
  if (n.templateKind === "impact-effort" && n.zoneId === TIME_SINK_ZONE) return "time-sink";
  return null;
}

/**
 * RULE 28: "What we're not doing": dropped notes with the reason given, then Time Sinks with
 * the quadrant's meaning as the reason; each group by text, then id. A dropped note in Time
 * Sinks is listed once, as dropped (the group's own reason says more).
 */
export function readNotDoing(notes: readonly NoteView[]): NotDoingView[] {
  const dropped = notes.filter((n) => notDoingKind(n) === "dropped").sort(byText);
  const sinks = notes.filter((n) => notDoingKind(n) === "time-sink").sort(byText);
  return [
    ...dropped.map((note) => ({ note, reason: note.dropped?.reason ?? "", kind: "dropped" as const })),
    ...sinks.map((note) => ({ note, reason: TIME_SINK_REASON, kind: "time-sink" as const })),
  ];
}
