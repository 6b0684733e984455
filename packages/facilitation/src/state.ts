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
export const RosterEntry = z.strictObject({
  name: ParticipantName,
  role: Role,
  firstSeen: z.number(),
  /*
   * Groups (issue 18, groups.ts). Defaults, so rosters stored before them still parse.
   * `group`: the group id this participant belongs to (a server fact: set by the facilitator,
   * by the participant's own pick when self-pick is on, or by a group's join link).
   * `ref`: a short handle the facilitator's view uses to assign people (never the participant id,
   * which is the key to that person's ballot); 0 until the next command hands one out.
   */
  group: ClientId.nullable().default(null),
  groupBy: z.enum(["self", "link", "facilitator"]).nullable().default(null),
  ref: z.number().int().min(0).default(0),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

/** An Excalidraw element as plain JSON; only its id is interpreted here. */
/** A group's display name (Engineering, Product, Sales…). */
export const GroupName = z
  .string()
  .trim()
  .min(1, "a group needs a name")
  .max(40, "a group name has at most 40 characters")
  .regex(/^[^\p{Cc}]*$/u, "a group name has no control characters");

/** A group's join code: an unguessable bearer secret added to a share link (`&group=…`). */
export const GroupJoinCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "a group join code is 16–64 letters, digits, - or _");

export const GroupDef = z.strictObject({ id: ClientId, name: GroupName, code: GroupJoinCode });
export type GroupDef = z.infer<typeof GroupDef>;

/** One reporting unit's aggregate for one item: a group, or "other" (small groups and people without one). */
export const GroupCell = z.strictObject({
  key: z.string(),
  /** People in this unit who gave this item a value (always at least the round's floor). */
  count: z.number().int(),
  /** One per measure of the round, in its order; rounded to two decimals. */
  means: z.array(z.number()),
  spreads: z.array(z.number()),
});

/**
 * A revealed round's results by group, computed once at the reveal (groups.ts): only aggregates of at
 * least `floor` people, never a person's value. Stored, so it is what every view and export shows.
 */
export const GroupRoundResult = z.strictObject({
  roundId: z.number().int(),
  kind: z.enum(["scoring", "vote", "rating"]),
  floor: z.number().int(),
  /** The cross-group disagreement threshold in force at the reveal (the measure's own scale). */
  threshold: z.number(),
  measures: z.array(z.enum(["impact", "effort", "dots", "rating"])),
  /** Reporting units in column order: groups, then "other" (key "other"). */
  units: z.array(z.strictObject({ key: z.string(), name: z.string() })),
  /** Who took part, by group (key "none" = no group): counts only. */
  participation: z.array(z.strictObject({ key: z.string(), name: z.string(), count: z.number().int() })),
  /** Names of groups merged into "Other" (below the floor) for at least one item. */
  merged: z.array(z.string()),
  items: z.array(
    z.strictObject({
      /** A note id, or a scorecard dimension. */
      id: z.string(),
      cells: z.array(GroupCell),
      /** Largest difference between units' means over the measures; null with fewer than two units. */
      gap: z.number().nullable(),
      disagree: z.boolean(),
      /** Some people's values are only in the room totals: their "Other" was below the floor. */
      otherHidden: z.boolean(),
    }),
  ),
});
export type GroupRoundResult = z.infer<typeof GroupRoundResult>;

export const GroupsState = z.strictObject({
  list: z.array(GroupDef).max(12),
  /** true: participants pick their own group; false: only the facilitator (or a group link) places them. */
  selfPick: z.boolean(),
  /** The anonymity floor: a unit with fewer people who took part is merged into "Other". */
  floor: z.number().int().min(2).max(50),
  /** Cross-group disagreement thresholds, per kind of round (each on its own scale). */
  thresholds: z.strictObject({
    scoring: z.number().min(0).max(9),
    vote: z.number().min(0).max(50),
    rating: z.number().min(0).max(4),
  }),
  /** round id → the floor frozen when that round opened (a later change applies to the next round). */
  frozenFloors: z.record(z.string(), z.number().int().min(2).max(50)),
  /** Revealed rounds' results by group, newest last. */
  results: z.array(GroupRoundResult).max(20),
  nextGroup: z.number().int().min(1),
  nextRef: z.number().int().min(1),
});
export type GroupsState = z.infer<typeof GroupsState>;

export function initialGroups(): GroupsState {
  return {
    list: [],
    selfPick: true,
    floor: 3,
    thresholds: { scoring: 3, vote: 1, rating: 1.5 },
    frozenFloors: {},
    results: [],
    nextGroup: 1,
    nextRef: 1,
  };
}

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

/*
 * Comments (issue 16): threads on an element or a point of the board, server-held like votes so
 * roles are enforced here, both engines persist them and other instances hear of them (comments.ts).
 */
export const CommentText = z
  .string()
  .trim()
  .min(1, "a comment needs some text")
  .max(2000, "a comment has at most 2000 characters");

/** Where a thread sits. On an element it follows the element; `x`,`y` is where it was pinned (scene), kept for when the element is gone. */
export const CommentAnchor = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("element"),
    elementId: ClientId,
    /** The pin's offset from the element's x,y, so it moves with the element. */
    dx: z.number().finite().min(-1e6).max(1e6),
    dy: z.number().finite().min(-1e6).max(1e6),
    x: z.number().finite().min(-1e7).max(1e7),
    y: z.number().finite().min(-1e7).max(1e7),
  }),
  z.strictObject({ kind: z.literal("point"), x: z.number().finite().min(-1e7).max(1e7), y: z.number().finite().min(-1e7).max(1e7) }),
]);
export type CommentAnchor = z.infer<typeof CommentAnchor>;

export const CommentMessage = z.strictObject({
  id: ClientId,
  authorId: ClientId,
  /** The author's name when they wrote it (the roster's, else the name they gave). */
  authorName: z.string().max(80),
  text: CommentText,
  /** Participant ids @mentioned. Never sent to clients: views carry names. */
  mentions: z.array(ClientId).max(50),
  at: z.number(),
  editedAt: z.number().nullable(),
  /** Written during a private brainstorm: only its author sees it until the reveal (then false). */
  held: z.boolean(),
  /** When others could first see it (creation, or the reveal for a held one): what unread counts compare. */
  visibleAt: z.number(),
});
export type CommentMessage = z.infer<typeof CommentMessage>;

export const CommentThread = z.strictObject({
  id: ClientId,
  anchor: CommentAnchor,
  messages: z.array(CommentMessage).min(1),
  resolved: z.strictObject({ by: z.string().max(80), at: z.number() }).nullable(),
  createdAt: z.number(),
});
export type CommentThread = z.infer<typeof CommentThread>;

export const CommentsState = z.strictObject({
  /** Viewers may comment (default true: a stakeholder with a view link can ask "why was this dropped?"). */
  viewersMayComment: z.boolean(),
  threads: z.array(CommentThread),
  /** participantId → threadId → read up to (a message's visibleAt): unread follows a person across devices. */
  read: z.record(ClientId, z.record(ClientId, z.number())),
});
export type CommentsState = z.infer<typeof CommentsState>;

export function initialComments(): CommentsState {
  return { viewersMayComment: true, threads: [], read: {} };
}

/*
 * Pre-work (issue 18): an asynchronous round people do alone before the session, on the
 * pre-work page; its rules are in prework.ts. At reveal its answers become an ordinary
 * scoring round, vote or brainstorm, so everything built on those applies unchanged.
 */
export const PreworkKind = z.enum(["scoring", "vote", "brainstorm"]);
export type PreworkKind = z.infer<typeof PreworkKind>;

/** One thing to score or vote on, with its words copied when the pre-work opened (the page does not load the board). */
export const PreworkItem = z.strictObject({ noteId: ClientId, text: z.string().max(300) });
export type PreworkItem = z.infer<typeof PreworkItem>;

export const PreworkNoteText = z
  .string()
  .trim()
  .min(1, "a note needs some text")
  .max(500, "a note has at most 500 characters");

/** One person's whole answer; a new submission replaces the previous one. */
export const PreworkAnswer = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("scoring"), scores: z.record(ClientId, Score) }),
  z.strictObject({ kind: z.literal("vote"), ballot: Ballot }),
  z.strictObject({ kind: z.literal("brainstorm"), notes: z.array(PreworkNoteText).min(1).max(30) }),
]);
export type PreworkAnswer = z.infer<typeof PreworkAnswer>;

export const PreworkSubmission = z.strictObject({
  name: ParticipantName,
  at: z.number(),
  /** Secret: only its author sees it. Null once revealed (the content moved into the round or the document). */
  answer: PreworkAnswer.nullable(),
});
export type PreworkSubmission = z.infer<typeof PreworkSubmission>;

export const PreworkState = z.strictObject({
  id: z.number().int().min(1),
  kind: PreworkKind,
  target: Target,
  /** What may be scored or voted on (empty for a brainstorm). */
  items: z.array(PreworkItem).max(500),
  instruction: z.string().max(1000),
  /** Server epoch ms; a submission at or after it is refused. Closing early sets it to now. */
  deadline: z.number(),
  votesPerPerson: z.number().int().min(1).max(50),
  allowStacking: z.boolean(),
  threshold: z.number().min(0).max(10),
  status: z.enum(["open", "revealed"]),
  /** participantId → their submission. */
  submissions: z.record(ClientId, PreworkSubmission),
});
export type PreworkState = z.infer<typeof PreworkState>;
/** At most this many frames in one presentation (a board's outline fits well within it). */
export const MAX_PRESENTED_FRAMES = 100;

/**
 * Presentation mode: the facilitator steps through frames and every screen fits the current one.
 * Server-held like follow-me, so a late joiner or a reload lands on the frame being presented.
 * `frameIds` are fixed when it starts (the outline's order, or the agenda's frames); logic in presentation.ts.
 */
export const PresentationState = z.strictObject({
  frameIds: z.array(ClientId).min(1).max(MAX_PRESENTED_FRAMES),
  index: z.number().int().min(0),
});
export type PresentationState = z.infer<typeof PresentationState>;

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
  /** Comment threads (issue 16); default so states stored before comments still parse. */
  comments: CommentsState.default(initialComments),
  /** Added with pre-work (issue 18); a default for states stored before it. */
  prework: PreworkState.nullable().default(null),
  /** Added with presentation mode (issue 15); the default keeps older stored states parsing. */
  presentation: PresentationState.nullable().default(null),
  /** Groups, results by group and the anonymity floor (issue 18, groups.ts). */
  groups: GroupsState.default(initialGroups),
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
    comments: initialComments(),
    prework: null,
    presentation: null,
    groups: initialGroups(),
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
  commentThreads: 300,
  messagesPerThread: 100,
  mentionsPerMessage: 20,
} as const;
