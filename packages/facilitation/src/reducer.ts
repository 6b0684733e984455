import { canEdit } from "@quadrant/protocol";
import { COMMAND_PERMISSION, type Command } from "./commands";
import { refuseToBePlaced } from "./to-be-placed";
import { type AgendaStep, type FacilitationState, LIMITS } from "./state";
import {
  type Actor,
  type BoardContext,
  type CommandResult,
  type Effect,
  NO_BOARD,
  ok,
  refuse,
} from "./result";
import { addMinute, pauseTimer, resetTimer, resumeTimer, setTimer, startTimer } from "./timer";
import { castVote, clearVote, closeVote, openVote, retractVote, revealVote } from "./voting";
import { putHeld, removeHeld, revealBrainstorm, startBrainstorm } from "./brainstorm";
import { acceptMean, closeScoring, openScoring, revealScoring, submitScore } from "./scoring";
import { acceptRating, closeRating, openRating, revealRating, submitRating } from "./rating";
import { hello } from "./roster";
import {
  deleteMessage,
  editMessage,
  readThread,
  releaseHeldComments,
  reply,
  resolveThread,
  setViewersMayComment,
  startThread,
} from "./comments";
import { clearPrework, closePrework, extendPrework, openPrework, revealPrework, submitPrework } from "./prework";
import { movePresentation, startPresentation, stopPresentation } from "./presentation";
import { applyGroupCommand, settleGroups } from "./groups";

function permitted(command: Command, actor: Actor): boolean {
  const permission = COMMAND_PERMISSION[command.type];
  switch (permission) {
    case "facilitator":
      return actor.role === "facilitator";
    case "editor":
      return canEdit(actor.role);
    case "anyone":
      return true;
  }
}

/**
 * The whole facilitation logic: checks the actor's permission, then applies the
 * command. Pure: time comes in as `now` (server epoch ms), the board is asked
 * only through `board`. A refused command changes nothing.
 */
export function applyCommand(
  state: FacilitationState,
  command: Command,
  actor: Actor,
  now: number,
  board: BoardContext = NO_BOARD,
): CommandResult {
  const result = applyOne(state, command, actor, now, board);
  // Rounds opened or revealed by this command get their frozen floor and results by group (groups.ts).
  return result.ok ? ok(settleGroups(result.state), result.effects) : result;
}

function applyOne(
  state: FacilitationState,
  command: Command,
  actor: Actor,
  now: number,
  board: BoardContext,
): CommandResult {
  if (!permitted(command, actor)) {
    return refuse("forbidden", `${command.type} needs the ${COMMAND_PERMISSION[command.type]} role`);
  }
  // Private notes become document content: a locked board refuses them like document edits.
  if (COMMAND_PERMISSION[command.type] === "editor" && state.lock.board && actor.role !== "facilitator") {
    return refuse("forbidden", "the board is locked");
  }
  // RULE 33: a note outside every frame is "to be placed"; nobody votes on or scores it yet.
  const unplaced = refuseToBePlaced(state, command, board);
  if (unplaced) return unplaced;
  const me = actor.participantId;
  switch (command.type) {
    case "timer.set":
      return ok({ ...state, timer: setTimer(command.minutes) });
    case "timer.start":
      return ok({ ...state, timer: startTimer(state.timer, now), timerRun: state.timerRun + 1 });
    case "timer.pause": {
      const timer = pauseTimer(state.timer, now);
      return timer ? ok({ ...state, timer }) : refuse("conflict", "the timer is not running");
    }
    case "timer.resume": {
      const timer = resumeTimer(state.timer, now);
      return timer ? ok({ ...state, timer, timerRun: state.timerRun + 1 }) : refuse("conflict", "the timer is not paused");
    }
    case "timer.addMinute":
      return ok({ ...state, timer: addMinute(state.timer, now), timerRun: state.timerRun + 1 });
    case "timer.reset":
      return ok({ ...state, timer: resetTimer(state.timer) });

    case "vote.open":
      return openVote(state, command, board);
    case "vote.cast":
      return castVote(state, me, command.noteId);
    case "vote.retract":
      return retractVote(state, me, command.noteId);
    case "vote.close":
      return closeVote(state);
    case "vote.reveal":
      return revealVote(state);
    case "vote.clear":
      return clearVote(state);

    case "brainstorm.start":
      return startBrainstorm(state);
    case "brainstorm.put":
      return putHeld(state, me, command.element);
    case "brainstorm.remove":
      return removeHeld(state, me, command.elementId);
    case "brainstorm.reveal": {
      const revealed = revealBrainstorm(state);
      // Comments written in private mode are released with the notes.
      return revealed.ok ? ok(releaseHeldComments(revealed.state, now), revealed.effects) : revealed;
    }

    case "scoring.open":
      return openScoring(state, command, board);
    case "scoring.submit":
      return submitScore(state, me, command.noteId, { impact: command.impact, effort: command.effort });
    case "scoring.reveal":
      return revealScoring(state);
    case "scoring.accept":
      return acceptMean(state, command.noteId);
    case "scoring.close":
      return closeScoring(state);

    case "rating.open":
      return openRating(state, command, board);
    case "rating.submit":
      return submitRating(state, me, command.dimension, command.rating, LIMITS.participantsWithState);
    case "rating.reveal":
      return revealRating(state);
    case "rating.accept":
      return acceptRating(state, command.dimension);
    case "rating.close":
      return closeRating(state);

    case "presence.hello":
      return hello(state, me, actor.role, command.name, now, LIMITS.participantsWithState);

    case "focus.summon":
      return ok(state, [{ kind: "summon", viewport: command.viewport }]);
    case "focus.follow":
      return ok({
        ...state,
        focus: { ...state.focus, followMe: command.on, viewport: command.viewport ?? state.focus.viewport },
      });
    case "focus.viewport":
      return ok({ ...state, focus: { ...state.focus, viewport: command.viewport } });
    case "focus.spotlight":
      return ok({ ...state, focus: { ...state.focus, spotlightFrameId: command.frameId } });

    case "lock.board":
      return ok({ ...state, lock: { ...state.lock, board: command.locked } });
    case "lock.frame": {
      const others = state.lock.frames.filter((id) => id !== command.frameId);
      const frames = command.locked ? [...others, command.frameId] : others;
      return ok({ ...state, lock: { ...state.lock, frames } }, [
        { kind: "set-frame-locked", frameId: command.frameId, locked: command.locked },
      ]);
    }

    case "agenda.set": {
      const ids = new Set(command.steps.map((s) => s.id));
      if (ids.size !== command.steps.length) return refuse("conflict", "agenda step ids must be unique");
      const current = Math.min(state.agenda.current, command.steps.length - 1);
      return ok({ ...state, agenda: { steps: command.steps, current } });
    }
    case "agenda.frame": {
      if (!state.agenda.steps.some((s) => s.id === command.stepId)) return refuse("not-found", "no such agenda step");
      const steps = state.agenda.steps.map((s) => (s.id === command.stepId ? { ...s, focusFrameId: command.frameId } : s));
      return ok({ ...state, agenda: { ...state.agenda, steps } });
    }
    case "agenda.next":
      if (state.agenda.current + 1 >= state.agenda.steps.length) return refuse("conflict", "this is the last step");
      return gotoStep(state, state.agenda.current + 1, now, board);
    case "agenda.goto":
      if (command.index >= state.agenda.steps.length) return refuse("not-found", "no such agenda step");
      return gotoStep(state, command.index, now, board);

    case "present.start":
      return startPresentation(state, command.frameIds);
    case "present.move":
      return movePresentation(state, command.by);
    case "present.stop":
      return stopPresentation(state);

    case "ready.set": {
      const ready = { ...state.ready };
      if (command.ready) {
        if (!(me in ready) && Object.keys(ready).length >= 500) return refuse("limit", "too many participants");
        ready[me] = { name: command.name ?? "", at: now };
      } else delete ready[me];
      return ok({ ...state, ready });
    }
    case "ready.clear":
      return ok({ ...state, ready: {} });

    case "comment.start":
      return startThread(state, me, actor.role, command, now);
    case "comment.reply":
      return reply(state, me, actor.role, command, now);
    case "comment.edit":
      return editMessage(state, me, actor.role, command, now);
    case "comment.delete":
      return deleteMessage(state, me, actor.role, command.threadId, command.messageId);
    case "comment.resolve":
      return resolveThread(state, me, actor.role, command.threadId, command.resolved, now);
    case "comment.read":
      return readThread(state, me, command.threadId);
    case "comment.settings":
      return setViewersMayComment(state, command.viewersMayComment);
    case "prework.open":
      return openPrework(state, command, now, board);
    case "prework.submit":
      return submitPrework(state, me, actor.role, command.name, command.answer, now);
    case "prework.extend":
      return extendPrework(state, command.deadline, now);
    case "prework.close":
      return closePrework(state, now);
    case "prework.reveal":
      return revealPrework(state);
    case "prework.clear":
      return clearPrework(state);
    case "groups.define":
    case "groups.rename":
    case "groups.remove":
    case "groups.newLink":
    case "groups.settings":
    case "groups.assign":
    case "groups.pick":
    case "groups.join":
      return applyGroupCommand(state, command, actor);
    case "notes.colours":
      return ok({ ...state, noteColours: command.mode });
  }
}

/**
 * Entering a step applies its settings in order; a setting that cannot apply
 * (e.g. a vote on an empty frame) is skipped rather than blocking the agenda.
 * The ready check restarts with every step.
 */
function gotoStep(state: FacilitationState, index: number, now: number, board: BoardContext): CommandResult {
  let next: FacilitationState = { ...state, agenda: { ...state.agenda, current: index }, ready: {} };
  const step: AgendaStep | undefined = state.agenda.steps[index];
  if (!step) return ok(next);
  const effects: Effect[] = [];
  const facilitator: Actor = { participantId: "agenda", role: "facilitator" };
  const run = (command: Command) => {
    const result = applyCommand(next, command, facilitator, now, board);
    if (result.ok) {
      next = result.state;
      effects.push(...result.effects);
    }
  };
  if (step.minutes !== null) {
    run({ type: "timer.set", minutes: step.minutes });
    run({ type: "timer.start" });
  }
  if (step.privateMode === true && !next.brainstorm.on) run({ type: "brainstorm.start" });
  if (step.privateMode === false && next.brainstorm.on) run({ type: "brainstorm.reveal" });
  if (step.vote) run({ type: "vote.open", ...step.vote });
  if (step.focusFrameId !== null) run({ type: "focus.spotlight", frameId: step.focusFrameId });
  return ok(next, effects);
}
