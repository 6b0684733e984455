import { type ElementJson, type FacilitationState, LIMITS } from "./state";
import { type CommandResult, ok, refuse } from "./result";

/** Held notes, as people count them: a sticky's label is part of the sticky, not a second note. */
export function heldNoteCount(elements: readonly ElementJson[]): number {
  return elements.filter((e) => !(e.type === "text" && typeof e.containerId === "string")).length;
}

export function startBrainstorm(state: FacilitationState): CommandResult {
  if (state.brainstorm.on) return refuse("conflict", "private brainstorm is already on");
  return ok({ ...state, brainstorm: { on: true, held: state.brainstorm.held } });
}

export function putHeld(state: FacilitationState, authorId: string, element: ElementJson): CommandResult {
  if (!state.brainstorm.on) return refuse("conflict", "private brainstorm is off");
  const own = state.brainstorm.held[authorId] ?? {};
  if (!(element.id in own) && Object.keys(own).length >= LIMITS.heldElementsPerAuthor) {
    return refuse("limit", `at most ${LIMITS.heldElementsPerAuthor} private elements per person`);
  }
  // Another author's id would let one person overwrite (or probe) someone else's note.
  for (const [otherId, elements] of Object.entries(state.brainstorm.held)) {
    if (otherId !== authorId && element.id in elements) return refuse("conflict", "element id already taken");
  }
  const next = { ...own, [element.id]: element };
  if (JSON.stringify(next).length > LIMITS.heldBytesPerAuthor) {
    return refuse("limit", "your private notes are too large");
  }
  return ok({ ...state, brainstorm: { on: true, held: { ...state.brainstorm.held, [authorId]: next } } });
}

export function removeHeld(state: FacilitationState, authorId: string, elementId: string): CommandResult {
  const own = state.brainstorm.held[authorId];
  if (!own || !(elementId in own)) return refuse("not-found", "no such private element");
  const next = { ...own };
  delete next[elementId];
  return ok({ ...state, brainstorm: { on: state.brainstorm.on, held: { ...state.brainstorm.held, [authorId]: next } } });
}

/** Ends private mode: every held element goes into the document (effect) and leaves the control state. */
export function revealBrainstorm(state: FacilitationState): CommandResult {
  const held = Object.values(state.brainstorm.held).flatMap((own) => Object.values(own));
  if (!state.brainstorm.on && held.length === 0) return refuse("conflict", "private brainstorm is off");
  return ok(
    { ...state, brainstorm: { on: false, held: {} } },
    held.length > 0 ? [{ kind: "insert-elements", elements: held }] : [],
  );
}
