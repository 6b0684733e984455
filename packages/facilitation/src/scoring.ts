import type { FacilitationState, Score, ScoringState, Target } from "./state";
import { type BoardContext, type CommandResult, ok, refuse } from "./result";
import { meanAndSpread, round2 } from "./spread";

export const DEFAULT_SPREAD_THRESHOLD = 2;

export interface NoteScoreResult {
  noteId: string;
  count: number;
  meanImpact: number;
  meanEffort: number;
  /** Population standard deviations. */
  spreadImpact: number;
  spreadEffort: number;
  discuss: boolean;
  accepted: boolean;
}

/** Per-note mean and spread, most disputed first. */
export function scoringResults(scoring: ScoringState): NoteScoreResult[] {
  const byNote = new Map<string, Score[]>();
  for (const perNote of Object.values(scoring.scores)) {
    for (const [noteId, score] of Object.entries(perNote)) {
      const list = byNote.get(noteId) ?? [];
      list.push(score);
      byNote.set(noteId, list);
    }
  }
  return [...byNote]
    .map(([noteId, scores]) => {
      const impact = meanAndSpread(scores.map((s) => s.impact));
      const effort = meanAndSpread(scores.map((s) => s.effort));
      return {
        noteId,
        count: scores.length,
        meanImpact: round2(impact.mean),
        meanEffort: round2(effort.mean),
        spreadImpact: round2(impact.spread),
        spreadEffort: round2(effort.spread),
        discuss: Math.max(impact.spread, effort.spread) > scoring.threshold,
        accepted: scoring.accepted.includes(noteId),
      };
    })
    .sort(
      (a, b) =>
        Math.max(b.spreadImpact, b.spreadEffort) - Math.max(a.spreadImpact, a.spreadEffort) ||
        (a.noteId < b.noteId ? -1 : 1),
    );
}

export function openScoring(
  state: FacilitationState,
  options: { target: Target; threshold?: number | undefined },
  board: BoardContext,
): CommandResult {
  const noteIds = board.notesIn(options.target);
  if (noteIds !== null && noteIds.length === 0) return refuse("conflict", "the scoring target contains no notes");
  const scoring: ScoringState = {
    id: state.nextId,
    target: options.target,
    noteIds,
    threshold: options.threshold ?? DEFAULT_SPREAD_THRESHOLD,
    status: "open",
    scores: {},
    accepted: [],
  };
  return ok({ ...state, scoring, nextId: state.nextId + 1 });
}

export function submitScore(
  state: FacilitationState,
  participantId: string,
  noteId: string,
  score: Score,
): CommandResult {
  const scoring = state.scoring;
  if (!scoring || scoring.status !== "open") return refuse("conflict", "no scoring round is open");
  if (scoring.noteIds !== null && !scoring.noteIds.includes(noteId)) {
    return refuse("not-found", "that note is not part of this scoring round");
  }
  const own = scoring.scores[participantId] ?? {};
  if (!(participantId in scoring.scores) && Object.keys(scoring.scores).length >= 500) {
    return refuse("limit", "too many scorers");
  }
  if (!(noteId in own) && Object.keys(own).length >= 500) return refuse("limit", "too many notes scored");
  const scores = { ...scoring.scores, [participantId]: { ...own, [noteId]: score } };
  return ok({ ...state, scoring: { ...scoring, scores } });
}

export function revealScoring(state: FacilitationState): CommandResult {
  if (!state.scoring || state.scoring.status !== "open") return refuse("conflict", "no scoring round is open");
  return ok({ ...state, scoring: { ...state.scoring, status: "revealed" } });
}

/** Accepting the mean moves the note in the document (effect); it may be repeated. */
export function acceptMean(state: FacilitationState, noteId: string): CommandResult {
  const scoring = state.scoring;
  if (!scoring || scoring.status !== "revealed") return refuse("conflict", "scores are not revealed");
  const result = scoringResults(scoring).find((r) => r.noteId === noteId);
  if (!result) return refuse("not-found", "nobody scored that note");
  const accepted = scoring.accepted.includes(noteId) ? scoring.accepted : [...scoring.accepted, noteId];
  return ok({ ...state, scoring: { ...scoring, accepted } }, [
    { kind: "move-note", noteId, impact: result.meanImpact, effort: result.meanEffort },
  ]);
}

export function closeScoring(state: FacilitationState): CommandResult {
  if (!state.scoring) return refuse("conflict", "there is no scoring round");
  return ok({ ...state, scoring: null });
}
