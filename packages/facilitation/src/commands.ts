import { z } from "zod";
import { HealthDimension, HealthRating } from "@quadrant/board-model";
import {
  AgendaStep,
  ClientId,
  CommentAnchor,
  CommentText,
  ElementJson,
  GroupJoinCode,
  GroupName,
  MAX_PRESENTED_FRAMES,
  NoteColourMode,
  ParticipantName,
  PreworkAnswer,
  PreworkKind,
  Target,
  Viewport,
} from "./state";

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

/** Every command a client can send over the control channel. */
export const Command = z.discriminatedUnion("type", [
  cmd("timer.set", { minutes: z.number().min(0).max(600) }),
  cmd("timer.start", {}),
  cmd("timer.pause", {}),
  cmd("timer.resume", {}),
  cmd("timer.addMinute", {}),
  cmd("timer.reset", {}),

  cmd("vote.open", {
    target: Target,
    votesPerPerson: z.number().int().min(1).max(50),
    allowStacking: z.boolean(),
  }),
  cmd("vote.cast", { noteId: ClientId }),
  cmd("vote.retract", { noteId: ClientId }),
  cmd("vote.close", {}),
  cmd("vote.reveal", {}),
  cmd("vote.clear", {}),

  cmd("brainstorm.start", {}),
  /** Add or replace one of the sender's held elements (a new note while private mode is on). */
  cmd("brainstorm.put", { element: ElementJson }),
  cmd("brainstorm.remove", { elementId: ClientId }),
  /** Insert every held element into the document and end private mode. */
  cmd("brainstorm.reveal", {}),

  cmd("scoring.open", { target: Target, threshold: z.number().min(0).max(10).optional() }),
  cmd("scoring.submit", {
    noteId: ClientId,
    impact: z.number().int().min(1).max(10),
    effort: z.number().int().min(1).max(10),
  }),
  cmd("scoring.reveal", {}),
  cmd("scoring.accept", { noteId: ClientId }),
  cmd("scoring.close", {}),

  /** Independent rating of one technical health scorecard (its template instance id). */
  cmd("rating.open", { templateId: ClientId, threshold: z.number().min(0).max(4).optional() }),
  cmd("rating.submit", { dimension: HealthDimension, rating: HealthRating }),
  cmd("rating.reveal", {}),
  cmd("rating.accept", { dimension: HealthDimension }),
  cmd("rating.close", {}),

  /** Sent when the control channel opens and when the person renames: "who took part". */
  cmd("presence.hello", { name: ParticipantName }),

  cmd("focus.summon", { viewport: Viewport }),
  cmd("focus.follow", { on: z.boolean(), viewport: Viewport.optional() }),
  /** The facilitator's viewport while "follow me" is on. */
  cmd("focus.viewport", { viewport: Viewport }),
  cmd("focus.spotlight", { frameId: ClientId.nullable() }),

  cmd("lock.board", { locked: z.boolean() }),
  cmd("lock.frame", { frameId: ClientId, locked: z.boolean() }),

  cmd("agenda.set", { steps: z.array(AgendaStep).max(50) }),
  /** One step's frame (null: none), by the step's id: two quick picks for two steps both stick. */
  cmd("agenda.frame", { stepId: ClientId, frameId: ClientId.nullable() }),
  cmd("agenda.next", {}),
  cmd("agenda.goto", { index: z.number().int().min(-1) }),

  /** Presentation mode: the frames to step through, in order (the client picks outline or agenda order). */
  cmd("present.start", { frameIds: z.array(ClientId).min(1).max(MAX_PRESENTED_FRAMES) }),
  cmd("present.move", { by: z.union([z.literal(1), z.literal(-1)]) }),
  cmd("present.stop", {}),

  cmd("ready.set", { ready: z.boolean(), name: z.string().max(60).optional() }),
  cmd("ready.clear", {}),

  /** Comments (comments.ts). Ids are the client's (random, like element ids): a counter would show gaps where held comments are. */
  cmd("comment.start", {
    threadId: ClientId,
    messageId: ClientId,
    anchor: CommentAnchor,
    text: CommentText,
    /** Names as the roster has them; the server stores the participant ids. */
    mentions: z.array(ParticipantName).max(20).optional(),
  }),
  cmd("comment.reply", { threadId: ClientId, messageId: ClientId, text: CommentText, mentions: z.array(ParticipantName).max(20).optional() }),
  cmd("comment.edit", { threadId: ClientId, messageId: ClientId, text: CommentText, mentions: z.array(ParticipantName).max(20).optional() }),
  cmd("comment.delete", { threadId: ClientId, messageId: ClientId }),
  cmd("comment.resolve", { threadId: ClientId, resolved: z.boolean() }),
  cmd("comment.read", { threadId: ClientId }),
  cmd("comment.settings", { viewersMayComment: z.boolean() }),
  /** Pre-work (prework.ts): an asynchronous round with a deadline (server epoch ms). */
  cmd("prework.open", {
    kind: PreworkKind,
    target: Target,
    deadline: z.number().int(),
    instruction: z.string().trim().max(1000).optional(),
    votesPerPerson: z.number().int().min(1).max(50).optional(),
    allowStacking: z.boolean().optional(),
    threshold: z.number().min(0).max(10).optional(),
  }),
  /** The sender's whole answer, replacing any earlier one; refused at or after the deadline. */
  cmd("prework.submit", { name: ParticipantName, answer: PreworkAnswer }),
  cmd("prework.extend", { deadline: z.number().int() }),
  cmd("prework.close", {}),
  cmd("prework.reveal", {}),
  cmd("prework.clear", {}),
  /*
   * Groups (groups.ts). The join code comes from the facilitator's browser (128 random bits), like
   * participant ids: the reducer stays pure, and only the facilitator's view ever carries it.
   */
  cmd("groups.define", { name: GroupName, code: GroupJoinCode }),
  cmd("groups.rename", { groupId: ClientId, name: GroupName }),
  cmd("groups.remove", { groupId: ClientId }),
  cmd("groups.newLink", { groupId: ClientId, code: GroupJoinCode }),
  cmd("groups.settings", {
    selfPick: z.boolean().optional(),
    floor: z.number().int().min(2).max(50).optional(),
    scoringThreshold: z.number().min(0).max(9).optional(),
    voteThreshold: z.number().min(0).max(50).optional(),
    ratingThreshold: z.number().min(0).max(4).optional(),
  }),
  /** The facilitator places someone, named by the roster handle of their view (never a participant id). */
  cmd("groups.assign", { ref: z.number().int().min(1), groupId: ClientId.nullable() }),
  /** The sender's own group: only when self-pick is on. There is no field to name anyone else. */
  cmd("groups.pick", { groupId: ClientId.nullable() }),
  /** The sender came with a group's link: the server places them in the group the code belongs to. */
  cmd("groups.join", { code: GroupJoinCode }),
  /** How notes are coloured for everyone (RULE 36). */
  cmd("notes.colours", { mode: NoteColourMode }),
]);
export type Command = z.infer<typeof Command>;
export type CommandType = Command["type"];

/**
 * Who may send a command. "facilitator": only the facilitator link.
 * "editor": anyone who may write the board (facilitator, editor) — used for
 * private notes, which become document content on reveal. "anyone": every role,
 * viewers included (voting, scoring, rating and the ready check are opinions, not edits;
 * saying one's name is not an edit either).
 */
export type Permission = "facilitator" | "editor" | "anyone";

export const COMMAND_PERMISSION: Record<CommandType, Permission> = {
  "timer.set": "facilitator",
  "timer.start": "facilitator",
  "timer.pause": "facilitator",
  "timer.resume": "facilitator",
  "timer.addMinute": "facilitator",
  "timer.reset": "facilitator",
  "vote.open": "facilitator",
  "vote.cast": "anyone",
  "vote.retract": "anyone",
  "vote.close": "facilitator",
  "vote.reveal": "facilitator",
  "vote.clear": "facilitator",
  "brainstorm.start": "facilitator",
  "brainstorm.put": "editor",
  "brainstorm.remove": "editor",
  "brainstorm.reveal": "facilitator",
  "scoring.open": "facilitator",
  "scoring.submit": "anyone",
  "scoring.reveal": "facilitator",
  "scoring.accept": "facilitator",
  "scoring.close": "facilitator",
  "rating.open": "facilitator",
  "rating.submit": "anyone",
  "rating.reveal": "facilitator",
  "rating.accept": "facilitator",
  "rating.close": "facilitator",
  "presence.hello": "anyone",
  "focus.summon": "facilitator",
  "focus.follow": "facilitator",
  "focus.viewport": "facilitator",
  "focus.spotlight": "facilitator",
  "lock.board": "facilitator",
  "lock.frame": "facilitator",
  "agenda.set": "facilitator",
  "agenda.frame": "facilitator",
  "agenda.next": "facilitator",
  "agenda.goto": "facilitator",
  "present.start": "facilitator",
  "present.move": "facilitator",
  "present.stop": "facilitator",
  "ready.set": "anyone",
  "ready.clear": "facilitator",
  // Who may write comments (viewers only when allowed) is comments.ts's rule: it needs the state.
  "comment.start": "anyone",
  "comment.reply": "anyone",
  "comment.edit": "anyone",
  "comment.delete": "anyone",
  "comment.resolve": "anyone",
  "comment.read": "anyone",
  "comment.settings": "facilitator",
  "prework.open": "facilitator",
  // Viewers too (an opinion, like a vote); a viewer's brainstorm notes are refused in prework.ts.
  "prework.submit": "anyone",
  "prework.extend": "facilitator",
  "prework.close": "facilitator",
  "prework.reveal": "facilitator",
  "prework.clear": "facilitator",
  "groups.define": "facilitator",
  "groups.rename": "facilitator",
  "groups.remove": "facilitator",
  "groups.newLink": "facilitator",
  "groups.settings": "facilitator",
  "groups.assign": "facilitator",
  "groups.pick": "anyone",
  "groups.join": "anyone",
  "notes.colours": "facilitator",
};

export const FACILITATOR_COMMANDS: readonly CommandType[] = (Object.keys(COMMAND_PERMISSION) as CommandType[]).filter(
  (type) => COMMAND_PERMISSION[type] === "facilitator",
);
