import { z } from "zod";
import { HealthDimension } from "@quadrant/board-model";
import { Role } from "@quadrant/protocol";
import {
  AgendaStep,
  Ballot,
  ClientId,
  ElementJson,
  type FacilitationState,
  PresentationState,
  NoteColourMode,
  RatingBallot,
  Score,
  PreworkAnswer,
  PreworkItem,
  PreworkKind,
  Target,
  Viewport,
} from "./state";
import { heldNoteCount } from "./brainstorm";
import { ballotSize, rankVotes } from "./voting";
import { scoringResults } from "./scoring";
import { ratingResults } from "./rating";
import { roster } from "./roster";
import { timerExpired, timerRemaining } from "./timer";
import { CommentsView } from "./comments-view";
import { commentsViewFor } from "./comments";
import { preworkView } from "./prework-view";
import { GroupsView, groupsView } from "./group-view";

const Ranking = z.array(z.strictObject({ noteId: ClientId, votes: z.number().int() }));

/**
 * What one connection is allowed to know, computed per connection. It never
 * contains another participant's ballot, scores or private elements before a
 * reveal; after a vote reveal only totals (never who voted what).
 */
export const FacilitationView = z.strictObject({
  /** Server clock when the view was made: clients derive timer time from it, not from their own clock. */
  serverNow: z.number(),
  me: z.strictObject({ participantId: z.string(), role: Role }),
  timer: z.strictObject({
    status: z.enum(["idle", "running", "paused"]),
    durationMs: z.number(),
    remainingMs: z.number(),
    endsAt: z.number().nullable(),
    expired: z.boolean(),
    /** Changes every time the timer starts or is extended: clients signal zero once per run. */
    run: z.number(),
  }),
  vote: z
    .strictObject({
      id: z.number(),
      target: Target,
      noteIds: z.array(ClientId).nullable(),
      votesPerPerson: z.number(),
      allowStacking: z.boolean(),
      status: z.enum(["open", "closed", "revealed"]),
      myBallot: Ballot,
      remaining: z.number(),
      /** How many people have voted (facilitator only; null for others). */
      voters: z.number().nullable(),
      results: Ranking.nullable(),
    })
    .nullable(),
  voteResults: z.array(z.strictObject({ voteId: z.number(), target: Target, ranking: Ranking })),
  brainstorm: z.strictObject({
    on: z.boolean(),
    mine: z.array(ElementJson),
    /** Facilitator only: how many private notes are held in total (no content; a sticky and its label count once). */
    heldCount: z.number().nullable(),
  }),
  scoring: z
    .strictObject({
      id: z.number(),
      target: Target,
      noteIds: z.array(ClientId).nullable(),
      threshold: z.number(),
      status: z.enum(["open", "revealed"]),
      mine: z.record(ClientId, Score),
      scorers: z.number().nullable(),
      results: z
        .array(
          z.strictObject({
            noteId: z.string(),
            count: z.number(),
            meanImpact: z.number(),
            meanEffort: z.number(),
            spreadImpact: z.number(),
            spreadEffort: z.number(),
            discuss: z.boolean(),
            accepted: z.boolean(),
          }),
        )
        .nullable(),
    })
    .nullable(),
  rating: z
    .strictObject({
      id: z.number(),
      templateId: ClientId,
      threshold: z.number(),
      status: z.enum(["open", "revealed"]),
      /** This person's own ratings: the only ratings anyone sees before the reveal. */
      mine: RatingBallot,
      /** How many people have rated (facilitator only; null for others). */
      raters: z.number().nullable(),
      results: z
        .array(
          z.strictObject({
            dimension: HealthDimension,
            count: z.number(),
            mean: z.number(),
            spread: z.number(),
            rounded: z.number(),
            discuss: z.boolean(),
            accepted: z.boolean(),
          }),
        )
        .nullable(),
    })
    .nullable(),
  focus: z.strictObject({
    followMe: z.boolean(),
    viewport: Viewport.nullable(),
    spotlightFrameId: ClientId.nullable(),
  }),
  lock: z.strictObject({ board: z.boolean(), frames: z.array(ClientId) }),
  agenda: z.strictObject({ steps: z.array(AgendaStep), current: z.number() }),
  ready: z.strictObject({
    me: z.boolean(),
    count: z.number(),
    /**
     * Facilitator only: who is done, by display name. Never participant ids: an id is
     * the key to that person's ballot and private notes, not even the facilitator gets it.
     */
    who: z.array(z.strictObject({ name: z.string(), at: z.number() })).nullable(),
  }),
  /** Presentation mode: everyone sees which frame is presented (the same for every role). */
  presentation: PresentationState.nullable(),
  /** Facilitator only (null for others): who has taken part so far, by name and role, never by id. */
  participants: z
    .strictObject({ count: z.number(), who: z.array(z.strictObject({ name: z.string(), role: Role })) })
    .nullable(),
  /** Comment threads this person may see (comments.ts). */
  comments: CommentsView,
  /** Pre-work (prework-view.ts): the caller's own answer only; who finished for the facilitator, by name. */
  prework: z
    .strictObject({
      id: z.number(),
      kind: PreworkKind,
      status: z.enum(["open", "revealed"]),
      instruction: z.string(),
      deadline: z.number(),
      /** True at or after the deadline (or once revealed): answers are refused. */
      closed: z.boolean(),
      items: z.array(PreworkItem),
      votesPerPerson: z.number(),
      allowStacking: z.boolean(),
      mine: z.strictObject({ at: z.number(), answer: PreworkAnswer.nullable() }).nullable(),
      /** Facilitator only (null for others): who has submitted, by name, never by id and never what. */
      finished: z.strictObject({ count: z.number(), who: z.array(z.strictObject({ name: z.string(), at: z.number() })) }).nullable(),
    })
    .nullable(),
  /** Groups, the anonymity floor and results by group (group-view.ts). */
  groups: GroupsView,
  /** How every client colours notes (RULE 36); the facilitator sets it. */
  noteColours: NoteColourMode.default("category"),
});
export type FacilitationView = z.infer<typeof FacilitationView>;

export function viewFor(
  state: FacilitationState,
  participantId: string,
  role: Role,
  now: number,
): FacilitationView {
  const facilitator = role === "facilitator";
  const { timer, vote, scoring, rating } = state;
  const myBallot = vote?.ballots[participantId] ?? {};
  return {
    serverNow: now,
    me: { participantId, role },
    timer: {
      status: timer.status,
      durationMs: timer.durationMs,
      remainingMs: timerRemaining(timer, now),
      endsAt: timer.status === "running" ? timer.endsAt : null,
      expired: timerExpired(timer, now),
      run: state.timerRun,
    },
    vote: vote && {
      id: vote.id,
      target: vote.target,
      noteIds: vote.noteIds,
      votesPerPerson: vote.votesPerPerson,
      allowStacking: vote.allowStacking,
      status: vote.status,
      myBallot: { ...myBallot },
      remaining: Math.max(0, vote.votesPerPerson - ballotSize(myBallot)),
      voters: facilitator ? Object.values(vote.ballots).filter((b) => ballotSize(b) > 0).length : null,
      results: vote.status === "revealed" ? rankVotes(vote) : null,
    },
    voteResults: state.voteResults,
    brainstorm: {
      on: state.brainstorm.on,
      mine: Object.values(state.brainstorm.held[participantId] ?? {}),
      heldCount: facilitator
        ? Object.values(state.brainstorm.held).reduce((n, own) => n + heldNoteCount(Object.values(own)), 0)
        : null,
    },
    scoring: scoring && {
      id: scoring.id,
      target: scoring.target,
      noteIds: scoring.noteIds,
      threshold: scoring.threshold,
      status: scoring.status,
      mine: { ...(scoring.scores[participantId] ?? {}) },
      scorers: facilitator ? Object.keys(scoring.scores).length : null,
      results: scoring.status === "revealed" ? scoringResults(scoring) : null,
    },
    rating: rating && {
      id: rating.id,
      templateId: rating.templateId,
      threshold: rating.threshold,
      status: rating.status,
      mine: { ...(rating.ratings[participantId] ?? {}) },
      raters: facilitator ? Object.keys(rating.ratings).length : null,
      results: rating.status === "revealed" ? ratingResults(rating) : null,
    },
    focus: { ...state.focus },
    lock: { board: state.lock.board, frames: [...state.lock.frames] },
    agenda: state.agenda,
    ready: {
      me: participantId in state.ready,
      count: Object.keys(state.ready).length,
      who: facilitator
        ? Object.values(state.ready)
            .sort((a, b) => a.at - b.at)
            .map((entry) => ({ name: entry.name, at: entry.at }))
        : null,
    },
    presentation: state.presentation && { frameIds: [...state.presentation.frameIds], index: state.presentation.index },
    participants: facilitator ? { count: Object.keys(state.participants).length, who: roster(state) } : null,
    comments: commentsViewFor(state, participantId, role),
    prework: preworkView(state.prework, participantId, facilitator, now),
    groups: groupsView(state, participantId, facilitator),
    noteColours: state.noteColours,
  };
}
