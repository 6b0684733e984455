import type { AgendaStep } from "@quadrant/facilitation";

/**
 * The frames a presentation steps through: the agenda's frames in agenda order when any step
 * points at a frame that is still on the board, else every frame in outline order.
 */
export function framesToPresent(outline: readonly { frameId: string }[], agenda: readonly AgendaStep[]): string[] {
  const onBoard = new Set(outline.map((e) => e.frameId));
  const fromAgenda = agenda.map((s) => s.focusFrameId).filter((id): id is string => id !== null && onBoard.has(id));
  const ordered = fromAgenda.length > 0 ? fromAgenda : outline.map((e) => e.frameId);
  return [...new Set(ordered)];
}
