import type { Role } from "@quadrant/protocol";
import {
  type FacilitationState,
  LIMITS,
  type PreworkAnswer,
  type PreworkItem,
  type PreworkKind,
  type PreworkState,
  type ScoringState,
  type Target,
  type VoteState,
} from "./state";
import { type BoardContext, type CommandResult, ok, refuse } from "./result";
import { DEFAULT_SPREAD_THRESHOLD, revealScoring } from "./scoring";
import { ballotSize, revealVote } from "./voting";
import { hello } from "./roster";

/**
 * Pre-work: an asynchronous round (scoring, dot vote or brainstorm) that people do alone, before
 * the session, until a deadline. Nobody sees anyone's answer; the facilitator sees who finished.
 * At the reveal the answers become the ordinary round (a revealed scoring round, a revealed vote
 * with its ranking, or notes in the document), so results, spread, accept-mean, exports and
 * anything else built on those rounds treat pre-work like a live round.
 */

const MINUTE = 60_000;
/** The longest a pre-work may run: long enough for "before next week's offsite", short enough to be a round. */
export const MAX_PREWORK_MS = 60 * 24 * 60 * MINUTE;
export const DEFAULT_PREWORK_VOTES = 3;
/** Brainstorm answers are stored until the reveal: bounded per person like held private notes. */
const MAX_ANSWER_BYTES = 32 * 1024;

/**
 * Ids of the elements a revealed brainstorm pre-work puts on the board: derived from the pre-work
 * id, so a retried reveal finds what it already wrote. The first (n = 0) is the area's frame.
 */
export function preworkElementId(preworkId: number, n: number): string {
  return `prework-${preworkId}-${n}`;
}

export function preworkFrameId(preworkId: number): string {
  return preworkElementId(preworkId, 0);
}

/** How a deadline reads in a refusal: UTC, minutes, so it means the same to everyone. */
export function deadlineText(deadline: number): string {
  return `${new Date(deadline).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function preworkClosed(prework: PreworkState, now: number): boolean {
  return prework.status !== "open" || now >= prework.deadline;
}

function checkDeadline(deadline: number, now: number): string | null {
  if (deadline <= now) return "the deadline must be in the future";
  if (deadline - now > MAX_PREWORK_MS) return "the deadline must be within 60 days";
  return null;
}

/** What a target covers, with each note's words (a board that cannot tell gives the ids alone). */
function itemsFor(target: Target, board: BoardContext): PreworkItem[] {
  const described = board.noteTexts?.(target) ?? (board.notesIn(target) ?? []).map((noteId) => ({ noteId, text: "" }));
  return described.slice(0, 500).map(({ noteId, text }) => ({ noteId, text: text.slice(0, 300) }));
}

export function openPrework(
  state: FacilitationState,
  options: {
    kind: PreworkKind;
    target: Target;
    deadline: number;
    instruction?: string | undefined;
    votesPerPerson?: number | undefined;
    allowStacking?: boolean | undefined;
    threshold?: number | undefined;
  },
  now: number,
  board: BoardContext,
): CommandResult {
  if (state.prework?.status === "open") {
    return refuse("conflict", "a pre-work is already open: reveal or clear it before opening another");
  }
  const bad = checkDeadline(options.deadline, now);
  if (bad) return refuse("conflict", bad);
  const items = options.kind === "brainstorm" ? [] : itemsFor(options.target, board);
  if (options.kind !== "brainstorm" && items.length === 0) {
    return refuse("conflict", "the pre-work's target contains no notes: select the notes or the frame to score or vote on");
  }
  const prework: PreworkState = {
    id: state.nextId,
    kind: options.kind,
    target: options.target,
    items,
    instruction: options.instruction ?? "",
    deadline: options.deadline,
    votesPerPerson: options.votesPerPerson ?? DEFAULT_PREWORK_VOTES,
    allowStacking: options.allowStacking ?? true,
    threshold: options.threshold ?? DEFAULT_SPREAD_THRESHOLD,
    status: "open",
    submissions: {},
  };
  return ok({ ...state, prework, nextId: state.nextId + 1 });
}

/** Why an answer does not fit this pre-work, or null when it does. */
function answerProblem(prework: PreworkState, answer: PreworkAnswer, role: Role): string | null {
  if (answer.kind !== prework.kind) return `this pre-work is a ${prework.kind}, not a ${answer.kind}`;
  const known = new Set(prework.items.map((i) => i.noteId));
  switch (answer.kind) {
    case "scoring": {
      const ids = Object.keys(answer.scores);
      if (ids.length === 0) return "score at least one item";
      if (ids.some((id) => !known.has(id))) return "an item you scored is not part of this pre-work";
      return null;
    }
    case "vote": {
      const ids = Object.keys(answer.ballot);
      if (ids.length === 0) return "place at least one vote";
      if (ids.some((id) => !known.has(id))) return "an item you voted on is not part of this pre-work";
      if (ballotSize(answer.ballot) > prework.votesPerPerson) return `you have ${prework.votesPerPerson} votes, not ${ballotSize(answer.ballot)}`;
      if (!prework.allowStacking && Object.values(answer.ballot).some((n) => n > 1)) {
        return "this vote does not allow stacking votes on one item";
      }
      return null;
    }
    case "brainstorm":
      // Notes become document content at the reveal: only links that may write the board add them.
      if (role === "viewer") return "a brainstorm adds notes to the board, which a viewer link cannot: ask the facilitator for an editor link";
      if (JSON.stringify(answer.notes).length > MAX_ANSWER_BYTES) return "your notes are too long: shorten or split them";
      return null;
  }
}

/** A participant's whole answer; it replaces their earlier one. Also records them as having taken part. */
export function submitPrework(
  state: FacilitationState,
  participantId: string,
  role: Role,
  name: string,
  answer: PreworkAnswer,
  now: number,
): CommandResult {
  const prework = state.prework;
  if (!prework) return refuse("conflict", "there is no pre-work on this board");
  if (prework.status === "revealed") return refuse("conflict", "this pre-work has been revealed; it takes no more answers");
  if (now >= prework.deadline) {
    return refuse("conflict", `Pre-work closed at ${deadlineText(prework.deadline)}; ask the facilitator to extend it`);
  }
  const problem = answerProblem(prework, answer, role);
  if (problem) return refuse("conflict", problem);
  if (!(participantId in prework.submissions) && Object.keys(prework.submissions).length >= LIMITS.participantsWithState) {
    return refuse("limit", "too many people have done this pre-work");
  }
  // "Who took part" and any per-participant fact (e.g. groups) key on the same roster entry.
  const met = hello(state, participantId, role, name, now, LIMITS.participantsWithState);
  if (!met.ok) return met;
  const submissions = { ...prework.submissions, [participantId]: { name, at: now, answer } };
  return ok({ ...met.state, prework: { ...prework, submissions } });
}

/** A new deadline; it also reopens a pre-work closed early or one whose deadline passed. */
export function extendPrework(state: FacilitationState, deadline: number, now: number): CommandResult {
  const prework = state.prework;
  if (!prework || prework.status !== "open") return refuse("conflict", "no pre-work is waiting for answers");
  const bad = checkDeadline(deadline, now);
  if (bad) return refuse("conflict", bad);
  return ok({ ...state, prework: { ...prework, deadline } });
}

/** Closing early: the deadline becomes now, so late answers get the same refusal as after a deadline. */
export function closePrework(state: FacilitationState, now: number): CommandResult {
  const prework = state.prework;
  if (!prework || prework.status !== "open") return refuse("conflict", "no pre-work is waiting for answers");
  if (now >= prework.deadline) return refuse("conflict", "the pre-work is already closed");
  return ok({ ...state, prework: { ...prework, deadline: now } });
}

/**
 * The reveal, in one state change: the answers become the ordinary round through that round's
 * own reveal (scoring.ts, voting.ts), and leave the pre-work (only names and times stay, for
 * "who did the pre-work"). A brainstorm's notes go into the document as an effect.
 */
export function revealPrework(state: FacilitationState): CommandResult {
  const prework = state.prework;
  if (!prework || prework.status !== "open") return refuse("conflict", "no pre-work to reveal");
  const answered = Object.entries(prework.submissions);
  const revealed: PreworkState = {
    ...prework,
    status: "revealed",
    submissions: Object.fromEntries(answered.map(([id, s]) => [id, { ...s, answer: null }])),
  };
  const base: FacilitationState = { ...state, prework: revealed, nextId: state.nextId + 1 };
  const noteIds = prework.items.map((i) => i.noteId);
  switch (prework.kind) {
    case "scoring": {
      if (state.scoring?.status === "open") return refuse("conflict", "a live scoring round is open: reveal or end it first");
      const scores: ScoringState["scores"] = {};
      for (const [id, s] of answered) if (s.answer?.kind === "scoring") scores[id] = s.answer.scores;
      const scoring: ScoringState = {
        id: state.nextId,
        target: prework.target,
        noteIds,
        threshold: prework.threshold,
        status: "open",
        scores,
        accepted: [],
      };
      return revealScoring({ ...base, scoring });
    }
    case "vote": {
      if (state.vote && state.vote.status !== "revealed") return refuse("conflict", "a live vote is open: reveal or clear it first");
      const ballots: VoteState["ballots"] = {};
      for (const [id, s] of answered) if (s.answer?.kind === "vote") ballots[id] = s.answer.ballot;
      const vote: VoteState = {
        id: state.nextId,
        target: prework.target,
        noteIds,
        votesPerPerson: prework.votesPerPerson,
        allowStacking: prework.allowStacking,
        status: "closed",
        ballots,
      };
      return revealVote({ ...base, vote });
    }
    case "brainstorm": {
      const notes = answered
        .sort(([, a], [, b]) => a.at - b.at)
        .flatMap(([, s]) => (s.answer?.kind === "brainstorm" ? s.answer.notes : []));
      return ok({ ...state, prework: revealed }, notes.length > 0 ? [{ kind: "insert-prework-notes", preworkId: prework.id, notes }] : []);
    }
  }
}

export function clearPrework(state: FacilitationState): CommandResult {
  if (!state.prework) return refuse("conflict", "there is no pre-work");
  return ok({ ...state, prework: null });
}

/** Who did the pre-work, for the brief: names in the order they submitted; never ids or answers. */
export function preworkRoster(state: FacilitationState): { kind: PreworkKind; status: "open" | "revealed"; deadline: number; people: string[] } | null {
  const prework = state.prework;
  if (!prework) return null;
  const people = Object.values(prework.submissions)
    .sort((a, b) => a.at - b.at)
    .map((s) => s.name);
  return { kind: prework.kind, status: prework.status, deadline: prework.deadline, people };
}
