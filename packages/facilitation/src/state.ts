import { z } from "zod";
import { HealthDimension, HealthRating } from "@quadrant/board-model";
import { Role } from "@quadrant/protocol";

/**
 * The server-held facilitation state of one board. It is persisted as JSON
 * (Storage.putControlState) and never enters the shared Y document, because
 * editors can write that document (see docs/facilitation.md).
 *
 * Times are absolute server epoch milliseconds, so a persisted running timer
 * is still right after a restart.
 */

/** An id chosen by clients (participant ids, element ids, frame ids): bounded, printable. */
export const ClientId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export type ClientId = z.infer<typeof ClientId>;

/** A viewport as the scene point at its centre plus a zoom factor. */
export const Viewport = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().finite().min(0.05).max(40),
});
export type Viewport = z.infer<typeof Viewport>;

export const TimerState = z.discriminatedUnion("status", [
  /** Not started (or reset): shows the full duration. */
  z.strictObject({ status: z.literal("idle"), durationMs: z.number().int().min(0) }),
  /** Counting down to `endsAt`; at or after it the timer has expired. */
  z.strictObject({ status: z.literal("running"), durationMs: z.number().int().min(0), endsAt: z.number() }),
  z.strictObject({
    status: z.literal("paused"),
    durationMs: z.number().int().min(0),
    remainingMs: z.number().int().min(0),
  }),
]);
export type TimerState = z.infer<typeof TimerState>;

/** What a vote or a scoring round is about: a template instance (frame) or an explicit set of notes. */
export const Target = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("frame"), frameId: ClientId }),
  z.strictObject({ kind: z.literal("notes"), noteIds: z.array(ClientId).min(1).max(500) }),
  z.strictObject({ kind: z.literal("board") }),
]);
export type Target = z.infer<typeof Target>;

/** noteId → number of dots (≥ 1) */
export const Ballot = z.record(ClientId, z.number().int().min(1));
export type Ballot = z.infer<typeof Ballot>;

export const VoteState = z.strictObject({
  id: z.number().int().min(1),
  target: Target,
  /** Notes that may receive votes, resolved when the vote opened; null = any note. */
  noteIds: z.array(ClientId).nullable(),
  votesPerPerson: z.number().int().min(1).max(50),
  allowStacking: z.boolean(),
  status: z.enum(["open", "closed", "revealed"]),
  /** participantId → ballot. Secret: only its owner sees it before reveal, nobody sees it after. */
  ballots: z.record(ClientId, Ballot),
});
export type VoteState = z.infer<typeof VoteState>;

export const Score = z.strictObject({
  impact: z.number().int().min(1).max(10),
  effort: z.number().int().min(1).max(10),
});
export type Score = z.infer<typeof Score>;

export const ScoringState = z.strictObject({
  id: z.number().int().min(1),
  target: Target,
  noteIds: z.array(ClientId).nullable(),
  /** A note is flagged "discuss" when the std dev of impact or effort exceeds this. */
  threshold: z.number().min(0).max(10),
  status: z.enum(["open", "revealed"]),
  /** participantId → noteId → score. Secret until reveal. */
  scores: z.record(ClientId, z.record(ClientId, Score)),
  /** Notes whose mean position the facilitator accepted. */
  accepted: z.array(ClientId),
});
export type ScoringState = z.infer<typeof ScoringState>;

/** One person's ratings in a rating round: dimension → 1–5 (any subset of the six). */
export const RatingBallot = z.partialRecord(HealthDimension, HealthRating);
export type RatingBallot = z.infer<typeof RatingBallot>;

/** Independent rating of one technical health scorecard: everyone rates each dimension alone. */
export const RatingState = z.strictObject({
  id: z.number().int().min(1),
  /** The scorecard's template instance id (ROOT.templates). */
  templateId: ClientId,
  /** A dimension is flagged "discuss" when the std dev of its ratings exceeds this (1–5 scale). */
  threshold: z.number().min(0).max(4),
  status: z.enum(["open", "revealed"]),
  /** participantId → their ratings. Secret until reveal; after it only means and spreads leave the server. */
  ratings: z.record(ClientId, RatingBallot),
  /** Dimensions whose rounded mean the facilitator wrote into the scorecard. */
  accepted: z.array(HealthDimension),
});
export type RatingState = z.infer<typeof RatingState>;

/** Someone who took part: the name they gave and the role of the link they came with (never a claimed role). */
export const ParticipantName = z
  .string()
  .trim()
  .min(1, "a name is needed")
  .max(80, "a name has at most 80 characters")
  .regex(/^[^\p{Cc}]*$/u, "a name has no control characters");
export const RosterEntry = z.strictObject({ name: ParticipantName, role: Role, firstSeen: z.number() });
export type RosterEntry = z.infer<typeof RosterEntry>;

/** An Excalidraw element as plain JSON; only its id is interpreted here. */
export const ElementJson = z.looseObject({ id: ClientId, type: z.string().max(40) });
export type ElementJson = z.infer<typeof ElementJson>;

export const AgendaStep = z.strictObject({
  id: ClientId,
  title: z.string().trim().min(1).max(120),
  /** Sets and starts the timer when the step begins. */
  minutes: z.number().min(0.1).max(600).nullable(),
  /** true: start a private brainstorm; false: reveal one that is running; null: leave as is. */
  privateMode: z.boolean().nullable(),
  vote: z
    .strictObject({
      target: Target,
      votesPerPerson: z.number().int().min(1).max(50),
      allowStacking: z.boolean(),
    })
    .nullable(),
  /** Spotlight this frame when the step begins. */
  focusFrameId: ClientId.nullable(),
});
export type AgendaStep = z.infer<typeof AgendaStep>;

/** RULE 36: notes coloured by their zone (category) or by who wrote them (author). */
export const NoteColourMode = z.enum(["category", "author"]);
export type NoteColourMode = z.infer<typeof NoteColourMode>;

export const ReadyEntry = z.strictObject({ name: z.string().max(60), at: z.number() });

export const FacilitationState = z.strictObject({
  version: z.literal(1),
  timer: TimerState,
  /** Increments every time the timer is (re)started, so clients signal zero once per run. */
  timerRun: z.number().int().min(0),
  vote: VoteState.nullable(),
  /** Finished votes' ranked results (kept for panels and exports); newest last. */
  voteResults: z.array(
    z.strictObject({
      voteId: z.number().int(),
      target: Target,
      ranking: z.array(z.strictObject({ noteId: ClientId, votes: z.number().int() })),
    }),
  ),
  brainstorm: z.strictObject({
    on: z.boolean(),
    /** authorId → elementId → element JSON, held back from the document until reveal. */
    held: z.record(ClientId, z.record(ClientId, ElementJson)),
  }),
  scoring: ScoringState.nullable(),
  focus: z.strictObject({
    followMe: z.boolean(),
    viewport: Viewport.nullable(),
    spotlightFrameId: ClientId.nullable(),
  }),
  lock: z.strictObject({
    board: z.boolean(),
    /** Frames (template instances) whose elements the facilitator locked. */
    frames: z.array(ClientId),
  }),
  agenda: z.strictObject({
    steps: z.array(AgendaStep).max(50),
    /** Index of the current step; -1 before the first. */
    current: z.number().int().min(-1),
  }),
  /** participantId → when they marked themselves done. */
  ready: z.record(ClientId, ReadyEntry),
  /** Next id for votes and scoring rounds. */
  nextId: z.number().int().min(1),
  /*
   * Added with the health scorecard (issue 14). Defaults, so a state stored before them still
   * parses: without them parseState would start such a board fresh and drop its open vote.
   */
  rating: RatingState.nullable().default(null),
  /** participantId → who took part ("who took part" in the brief); kept after they leave. */
  participants: z.record(ClientId, RosterEntry).default({}),
  /** How notes are coloured on this board (issue 15, RULE 36); default so older states still parse. */
  noteColours: NoteColourMode.default("category"),
});
export type FacilitationState = z.infer<typeof FacilitationState>;

export function initialState(): FacilitationState {
  return {
    version: 1,
    timer: { status: "idle", durationMs: 5 * 60_000 },
    timerRun: 0,
    vote: null,
    voteResults: [],
    brainstorm: { on: false, held: {} },
    scoring: null,
    focus: { followMe: false, viewport: null, spotlightFrameId: null },
    lock: { board: false, frames: [] },
    agenda: { steps: [], current: -1 },
    ready: {},
    nextId: 1,
    rating: null,
    participants: {},
    noteColours: "category",
  };
}

/** Parses persisted state; anything unreadable (older shape, corruption) starts fresh rather than crash the room. */
export function parseState(raw: unknown): FacilitationState {
  const parsed = FacilitationState.safeParse(raw);
  return parsed.success ? parsed.data : initialState();
}

/** Limits that keep one board's control state small. */
export const LIMITS = {
  heldElementsPerAuthor: 500,
  heldBytesPerAuthor: 512 * 1024,
  participantsWithState: 500,
} as const;
