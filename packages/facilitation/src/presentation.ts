import { type FacilitationState, MAX_PRESENTED_FRAMES } from "./state";
import { type CommandResult, ok, refuse } from "./result";

/** Presentation mode (PresentationState in state.ts): start, step, stop. Facilitator-only (COMMAND_PERMISSION). */
export function startPresentation(state: FacilitationState, frameIds: readonly string[]): CommandResult {
  const unique = [...new Set(frameIds)].slice(0, MAX_PRESENTED_FRAMES);
  if (unique.length === 0) return refuse("not-found", "nothing to present: add a template or a theme first");
  return ok({ ...state, presentation: { frameIds: unique, index: 0 } });
}

/** Next (+1) or previous (-1) frame; refused at either end so a double press never wraps around. */
export function movePresentation(state: FacilitationState, by: 1 | -1): CommandResult {
  const presentation = state.presentation;
  if (!presentation) return refuse("conflict", "no presentation is running");
  const index = presentation.index + by;
  if (index < 0) return refuse("conflict", "this is the first frame");
  if (index >= presentation.frameIds.length) return refuse("conflict", "this is the last frame");
  return ok({ ...state, presentation: { ...presentation, index } });
}

export function stopPresentation(state: FacilitationState): CommandResult {
  return ok({ ...state, presentation: null });
}
