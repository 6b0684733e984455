// Facilitation: server-held control state (timer, votes, private brainstorm, scoring, focus,
// lock, agenda, ready check). Pure: no DOM, network or Yjs; the clock comes in as an argument.
export {
  ClientId,
  Viewport,
  Target,
  TimerState,
  VoteState,
  ScoringState,
  Score,
  ElementJson,
  AgendaStep,
  FacilitationState,
  initialState,
  parseState,
  LIMITS,
} from "./state";
export { Command, type CommandType, type Permission, COMMAND_PERMISSION, FACILITATOR_COMMANDS } from "./commands";
export {
  type Effect,
  type RefusalReason,
  type CommandResult,
  type Actor,
  type BoardContext,
  NO_BOARD,
} from "./result";
export { applyCommand } from "./reducer";
export { FacilitationView, viewFor } from "./view";
export { timerRemaining, timerExpired } from "./timer";
export { rankVotes } from "./voting";
export { heldNoteCount } from "./brainstorm";
export { scoringResults, DEFAULT_SPREAD_THRESHOLD, type NoteScoreResult } from "./scoring";
export { ClientControlMessage, ServerControlMessage } from "./messages";
