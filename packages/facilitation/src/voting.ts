import type { Ballot, FacilitationState, Target, VoteState } from "./state";
import { type BoardContext, type CommandResult, ok, refuse } from "./result";

export function ballotSize(ballot: Ballot | undefined): number {
  if (!ballot) return 0;
  let total = 0;
  for (const count of Object.values(ballot)) total += count;
  return total;
}

/** Notes ranked by votes, most first; ties keep a stable order by note id. */
export function rankVotes(vote: VoteState): { noteId: string; votes: number }[] {
  const totals = new Map<string, number>();
  for (const ballot of Object.values(vote.ballots)) {
    for (const [noteId, count] of Object.entries(ballot)) totals.set(noteId, (totals.get(noteId) ?? 0) + count);
  }
  return [...totals]
    .map(([noteId, votes]) => ({ noteId, votes }))
    .sort((a, b) => b.votes - a.votes || (a.noteId < b.noteId ? -1 : a.noteId > b.noteId ? 1 : 0));
}

export function openVote(
  state: FacilitationState,
  options: { target: Target; votesPerPerson: number; allowStacking: boolean },
  board: BoardContext,
): CommandResult {
  const noteIds = board.notesIn(options.target);
  if (noteIds !== null && noteIds.length === 0) return refuse("conflict", "the vote's target contains no notes");
  const vote: VoteState = {
    id: state.nextId,
    target: options.target,
    noteIds,
    votesPerPerson: options.votesPerPerson,
    allowStacking: options.allowStacking,
    status: "open",
    ballots: {},
  };
  return ok({ ...state, vote, nextId: state.nextId + 1 });
}

export function castVote(state: FacilitationState, participantId: string, noteId: string): CommandResult {
  const vote = state.vote;
  if (!vote || vote.status !== "open") return refuse("conflict", "no vote is open");
  if (vote.noteIds !== null && !vote.noteIds.includes(noteId)) {
    return refuse("not-found", "that note is not part of this vote");
  }
  const ballot = vote.ballots[participantId] ?? {};
  if (ballotSize(ballot) >= vote.votesPerPerson) {
    return refuse("limit", `you have used all ${vote.votesPerPerson} votes`);
  }
  const current = ballot[noteId] ?? 0;
  if (current > 0 && !vote.allowStacking) return refuse("limit", "this vote does not allow stacking votes on one note");
  if (current === 0 && !(participantId in vote.ballots) && Object.keys(vote.ballots).length >= 500) {
    return refuse("limit", "too many voters");
  }
  const ballots = { ...vote.ballots, [participantId]: { ...ballot, [noteId]: current + 1 } };
  return ok({ ...state, vote: { ...vote, ballots } });
}

export function retractVote(state: FacilitationState, participantId: string, noteId: string): CommandResult {
  const vote = state.vote;
  if (!vote || vote.status !== "open") return refuse("conflict", "no vote is open");
  const ballot = vote.ballots[participantId];
  const current = ballot?.[noteId] ?? 0;
  if (!ballot || current === 0) return refuse("not-found", "you have no vote on that note");
  const next: Ballot = { ...ballot };
  if (current === 1) delete next[noteId];
  else next[noteId] = current - 1;
  return ok({ ...state, vote: { ...vote, ballots: { ...vote.ballots, [participantId]: next } } });
}

export function closeVote(state: FacilitationState): CommandResult {
  if (!state.vote || state.vote.status !== "open") return refuse("conflict", "no vote is open");
  return ok({ ...state, vote: { ...state.vote, status: "closed" } });
}

/** Reveal closes the vote too, and records the ranking for panels and exports. */
export function revealVote(state: FacilitationState): CommandResult {
  const vote = state.vote;
  if (!vote || vote.status === "revealed") return refuse("conflict", "no vote to reveal");
  const ranking = rankVotes(vote);
  const voteResults = [...state.voteResults, { voteId: vote.id, target: vote.target, ranking }].slice(-20);
  return ok({ ...state, vote: { ...vote, status: "revealed" }, voteResults });
}

export function clearVote(state: FacilitationState): CommandResult {
  if (!state.vote) return refuse("conflict", "there is no vote");
  return ok({ ...state, vote: null });
}
