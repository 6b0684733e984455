import type { Command } from "./commands";
import { type BoardContext, type CommandResult, refuse } from "./result";
import type { FacilitationState } from "./state";

/**
 * RULE 33 of @quadrant/templates: a note outside every frame on a board with frames is "to be
 * placed" and takes no vote or score. Checked only for a note the open round would otherwise
 * take, so "not part of this round" keeps its own answer; null lets the command through.
 */
export function refuseToBePlaced(state: FacilitationState, command: Command, board: BoardContext): CommandResult | null {
  if (command.type !== "vote.cast" && command.type !== "scoring.submit") return null;
  const round = command.type === "vote.cast" ? state.vote : state.scoring;
  if (!round || round.status !== "open" || (round.noteIds !== null && !round.noteIds.includes(command.noteId))) return null;
  if (board.toBePlaced?.(command.noteId) !== true) return null;
  return refuse("conflict", "that note is still to be placed: drag it into a zone or a theme first, then vote or score");
}
