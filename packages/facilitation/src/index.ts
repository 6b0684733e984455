// Facilitation: server-held control state (timer, votes, private brainstorm, scoring, health
// scorecard rating, focus, lock, agenda, ready check, who took part). Pure: no DOM, network or Yjs; the clock comes in as an argument.
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
  RatingBallot,
  RatingState,
  ParticipantName,
  RosterEntry,
  CommentAnchor,
  CommentThread,
  CommentsState,
  PreworkKind,
  PreworkItem,
  PreworkAnswer,
  PreworkNoteText,
  PreworkState,
  PresentationState,
  MAX_PRESENTED_FRAMES,
  GroupName,
  GroupJoinCode,
  GroupDef,
  GroupRoundResult,
  GroupsState,
  NoteColourMode,
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
export { ratingResults, DEFAULT_RATING_THRESHOLD, type DimensionRatingResult } from "./rating";
export { roster } from "./roster";
export { FacilitationBackup, backupOf, restoredState } from "./backup";
export { ClientControlMessage, ServerControlMessage } from "./messages";
export { CommentsView } from "./comments-view";
export { type ExportedThread, exportedThreads, mayComment, COMMENT_TEXT_BUDGET } from "./comments";
export { deadlineText, preworkClosed, preworkRoster, preworkElementId, preworkFrameId, MAX_PREWORK_MS } from "./prework";
export { MAX_GROUPS, newJoinCode } from "./groups";
export { OTHER, NO_GROUP } from "./group-results";
export { GroupsView } from "./group-view";
export { ROUND_KIND_TITLE, MEASURE_TITLE, otherExplained } from "./group-labels";
export { groupRoster } from "./groups";
