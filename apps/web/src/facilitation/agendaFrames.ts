import type { AgendaStep } from "@quadrant/facilitation";

/**
 * The agenda's text format has no frames (they are picked from the outline beside each step), so
 * saving edited text keeps each step's frame by its title: a step that kept its title keeps its
 * frame, a renamed or new step has none until one is picked.
 */
export function keepStepFrames(parsed: readonly AgendaStep[], previous: readonly AgendaStep[]): AgendaStep[] {
  const frameByTitle = new Map<string, string>();
  for (const step of previous) if (step.focusFrameId !== null && !frameByTitle.has(step.title)) frameByTitle.set(step.title, step.focusFrameId);
  return parsed.map((step) => ({ ...step, focusFrameId: frameByTitle.get(step.title) ?? step.focusFrameId }));
}
