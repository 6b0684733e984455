import type { Role } from "@quadrant/protocol";
import {
  type CommentAnchor,
  type CommentMessage,
  type CommentThread,
  type CommentsState,
  type FacilitationState,
  LIMITS,
} from "./state";
import { type CommandResult, ok, refuse } from "./result";
import type { CommentsView } from "./comments-view";

/*
 * Comment threads (issue 16; docs/facilitation.md, "Comments"). The rules in one place:
 * - who may write: the facilitator and editors; viewers while the facilitator allows it (default on);
 *   everyone may read;
 * - privacy: a message written while the private brainstorm is on is held: only its author sees it
 *   (views, exports, unread counts) until the reveal releases it;
 * - a thread or message someone cannot see is "not found" for them, never "forbidden" (no probing);
 * - unread: per participant and thread, a marker of what they have read (server-side, so it follows
 *   the person across devices).
 */

/** Total characters of comment text a board keeps: every view carries them to every connection. */
export const COMMENT_TEXT_BUDGET = 400_000;

const NO_THREAD = "no such comment thread (it may have been deleted)";
const NO_MESSAGE = "no such comment (it may have been deleted)";
const ID_TAKEN = "that comment id is taken: send it again with a new one";
const VIEWERS_OFF = "the facilitator has turned comments off for viewers";

export interface CommentWrite {
  text: string;
  mentions?: readonly string[] | undefined;
}

export function mayComment(state: FacilitationState, role: Role): boolean {
  return role !== "viewer" || state.comments.viewersMayComment;
}

function visibleTo(message: CommentMessage, participantId: string): boolean {
  return !message.held || message.authorId === participantId;
}

function findThread(comments: CommentsState, threadId: string, me: string): CommentThread | null {
  const thread = comments.threads.find((t) => t.id === threadId);
  return thread && thread.messages.some((m) => visibleTo(m, me)) ? thread : null;
}

function withComments(state: FacilitationState, comments: Partial<CommentsState>): FacilitationState {
  return { ...state, comments: { ...state.comments, ...comments } };
}

function replaceThread(state: FacilitationState, thread: CommentThread): FacilitationState {
  return withComments(state, { threads: state.comments.threads.map((t) => (t.id === thread.id ? thread : t)) });
}

function textSize(comments: CommentsState): number {
  return comments.threads.reduce((n, t) => n + t.messages.reduce((m, message) => m + message.text.length, 0), 0);
}

/** Mentioned names → participant ids (every id that goes by the name: one person on two devices). */
function mentionIds(state: FacilitationState, names: readonly string[] = []): string[] | string {
  const ids = new Set<string>();
  for (const name of new Set(names)) {
    const matching = Object.entries(state.participants).filter(([, entry]) => entry.name === name);
    if (matching.length === 0) return `nobody called "${name}" has joined this board: pick a name from the list`;
    for (const [id] of matching) ids.add(id);
  }
  if (ids.size > LIMITS.mentionsPerMessage) return `at most ${LIMITS.mentionsPerMessage} people can be mentioned in one comment`;
  return [...ids];
}

/** What the writer has now seen: every message of the thread they can see. */
function markRead(state: FacilitationState, threadId: string, me: string): FacilitationState | null {
  const thread = state.comments.threads.find((t) => t.id === threadId);
  if (!thread) return state;
  const upTo = Math.max(...thread.messages.filter((m) => visibleTo(m, me)).map((m) => m.visibleAt));
  const mine = state.comments.read[me] ?? {};
  if (mine[threadId] !== undefined && mine[threadId] >= upTo) return state;
  if (!(me in state.comments.read) && Object.keys(state.comments.read).length >= LIMITS.participantsWithState) return null;
  return withComments(state, { read: { ...state.comments.read, [me]: { ...mine, [threadId]: upTo } } });
}

function newMessage(state: FacilitationState, me: string, id: string, write: CommentWrite, mentions: string[], now: number): CommentMessage {
  return {
    id,
    authorId: me,
    authorName: state.participants[me]?.name ?? "Someone",
    text: write.text,
    mentions,
    at: now,
    editedAt: null,
    held: state.brainstorm.on,
    visibleAt: now,
  };
}

function checkWrite(state: FacilitationState, role: Role, write: CommentWrite, replacing = 0): string[] | CommandResult {
  if (!mayComment(state, role)) return refuse("forbidden", VIEWERS_OFF);
  if (textSize(state.comments) - replacing + write.text.length > COMMENT_TEXT_BUDGET) {
    return refuse("limit", "this board holds as much comment text as it can: delete or shorten old comments first");
  }
  const mentions = mentionIds(state, write.mentions);
  return typeof mentions === "string" ? refuse("not-found", mentions) : mentions;
}

function messageIdTaken(state: FacilitationState, messageId: string): boolean {
  return state.comments.threads.some((t) => t.messages.some((m) => m.id === messageId));
}

export function startThread(
  state: FacilitationState,
  me: string,
  role: Role,
  command: { threadId: string; messageId: string; anchor: CommentAnchor } & CommentWrite,
  now: number,
): CommandResult {
  const mentions = checkWrite(state, role, command);
  if (!Array.isArray(mentions)) return mentions;
  if (state.comments.threads.length >= LIMITS.commentThreads) {
    return refuse("limit", `a board holds at most ${LIMITS.commentThreads} comment threads: delete resolved ones first`);
  }
  if (state.comments.threads.some((t) => t.id === command.threadId) || messageIdTaken(state, command.messageId)) {
    return refuse("conflict", ID_TAKEN);
  }
  const thread: CommentThread = {
    id: command.threadId,
    anchor: command.anchor,
    messages: [newMessage(state, me, command.messageId, command, mentions, now)],
    resolved: null,
    createdAt: now,
  };
  const next = withComments(state, { threads: [...state.comments.threads, thread] });
  return ok(markRead(next, thread.id, me) ?? next);
}

export function reply(
  state: FacilitationState,
  me: string,
  role: Role,
  command: { threadId: string; messageId: string } & CommentWrite,
  now: number,
): CommandResult {
  const thread = findThread(state.comments, command.threadId, me);
  if (!thread) return refuse("not-found", NO_THREAD);
  const mentions = checkWrite(state, role, command);
  if (!Array.isArray(mentions)) return mentions;
  if (thread.messages.length >= LIMITS.messagesPerThread) {
    return refuse("limit", `a thread holds at most ${LIMITS.messagesPerThread} messages: start a new thread`);
  }
  if (messageIdTaken(state, command.messageId)) return refuse("conflict", ID_TAKEN);
  // A reply reopens nothing by itself: a resolved thread stays resolved until someone reopens it.
  const next = replaceThread(state, {
    ...thread,
    messages: [...thread.messages, newMessage(state, me, command.messageId, command, mentions, now)],
  });
  return ok(markRead(next, thread.id, me) ?? next);
}

export function editMessage(
  state: FacilitationState,
  me: string,
  role: Role,
  command: { threadId: string; messageId: string } & CommentWrite,
  now: number,
): CommandResult {
  const thread = findThread(state.comments, command.threadId, me);
  const message = thread?.messages.find((m) => m.id === command.messageId && visibleTo(m, me));
  if (!thread || !message) return refuse("not-found", NO_MESSAGE);
  if (message.authorId !== me) return refuse("forbidden", "only its author can edit a comment");
  // A published comment changed now would show the new text to everyone before the reveal.
  if (state.brainstorm.on && !message.held) {
    return refuse("conflict", "comments shared before the private brainstorm cannot change until the reveal");
  }
  const mentions = checkWrite(state, role, command, message.text.length);
  if (!Array.isArray(mentions)) return mentions;
  const edited: CommentMessage = { ...message, text: command.text, mentions, editedAt: now };
  return ok(replaceThread(state, { ...thread, messages: thread.messages.map((m) => (m.id === message.id ? edited : m)) }));
}

/** The author deletes their message; the facilitator may delete any (moderation). The last message takes its thread along. */
export function deleteMessage(state: FacilitationState, me: string, role: Role, threadId: string, messageId: string): CommandResult {
  const thread = findThread(state.comments, threadId, me);
  const message = thread?.messages.find((m) => m.id === messageId && visibleTo(m, me));
  if (!thread || !message) return refuse("not-found", NO_MESSAGE);
  if (message.authorId !== me && role !== "facilitator") return refuse("forbidden", "only its author or the facilitator can delete a comment");
  const messages = thread.messages.filter((m) => m.id !== messageId);
  if (messages.length > 0) return ok(replaceThread(state, { ...thread, messages }));
  const read: CommentsState["read"] = {};
  for (const [participant, marks] of Object.entries(state.comments.read)) {
    const { [threadId]: _gone, ...rest } = marks;
    read[participant] = rest;
  }
  return ok(withComments(state, { threads: state.comments.threads.filter((t) => t.id !== threadId), read }));
}

export function resolveThread(state: FacilitationState, me: string, role: Role, threadId: string, resolved: boolean, now: number): CommandResult {
  const thread = findThread(state.comments, threadId, me);
  if (!thread) return refuse("not-found", NO_THREAD);
  if (!mayComment(state, role)) return refuse("forbidden", VIEWERS_OFF);
  if ((thread.resolved !== null) === resolved) {
    return refuse("conflict", resolved ? "this thread is already resolved" : "this thread is already open");
  }
  const by = state.participants[me]?.name ?? "Someone";
  return ok(replaceThread(state, { ...thread, resolved: resolved ? { by, at: now } : null }));
}

export function readThread(state: FacilitationState, me: string, threadId: string): CommandResult {
  if (!findThread(state.comments, threadId, me)) return refuse("not-found", NO_THREAD);
  const next = markRead(state, threadId, me);
  return next ? ok(next) : refuse("limit", "too many participants");
}

export function setViewersMayComment(state: FacilitationState, viewersMayComment: boolean): CommandResult {
  return ok(withComments(state, { viewersMayComment }));
}

/** The reveal: every held message becomes everyone's, unread from now on for the others. */
export function releaseHeldComments(state: FacilitationState, now: number): FacilitationState {
  if (!state.comments.threads.some((t) => t.messages.some((m) => m.held))) return state;
  const threads = state.comments.threads.map((t) =>
    t.messages.some((m) => m.held) ? { ...t, messages: t.messages.map((m) => (m.held ? { ...m, held: false, visibleAt: now } : m)) } : t,
  );
  return withComments(state, { threads });
}

/** One participant's view of the comments: what they may see, names instead of participant ids. */
export function commentsViewFor(state: FacilitationState, participantId: string, role: Role): CommentsView {
  const nameOf = (id: string, fallback: string) => state.participants[id]?.name ?? fallback;
  const marks = state.comments.read[participantId] ?? {};
  let unread = 0;
  const threads = state.comments.threads.flatMap((thread) => {
    const messages = thread.messages.filter((m) => visibleTo(m, participantId));
    if (messages.length === 0) return [];
    const readUpTo = marks[thread.id] ?? -Infinity;
    const unreadHere = messages.filter((m) => m.authorId !== participantId && m.visibleAt > readUpTo);
    unread += unreadHere.length;
    return [
      {
        id: thread.id,
        anchor: thread.anchor,
        resolved: thread.resolved,
        createdAt: thread.createdAt,
        unread: unreadHere.length,
        mentionsMe: unreadHere.some((m) => m.mentions.includes(participantId)),
        messages: messages.map((m) => ({
          id: m.id,
          author: nameOf(m.authorId, m.authorName),
          mine: m.authorId === participantId,
          text: m.text,
          mentions: [...new Set(m.mentions.map((id) => nameOf(id, "")).filter((n) => n !== ""))],
          mentionsMe: m.mentions.includes(participantId),
          at: m.at,
          editedAt: m.editedAt,
          held: m.held,
        })),
      },
    ];
  });
  // The roster is the facilitator's (view.participants): others get the names they already see in
  // the threads; their client adds the people on the board now (presence).
  const seen = threads.flatMap((t) => t.messages.flatMap((m) => [m.author, ...m.mentions]));
  const people = role === "facilitator" ? Object.values(state.participants).map((p) => p.name) : seen;
  return {
    mayComment: mayComment(state, role),
    viewersMayComment: state.comments.viewersMayComment,
    people: [...new Set(people)].filter((name) => name !== "").sort(),
    unread,
    threads,
  };
}

/** A thread as the brief and the CSV see it: shared messages only, never held ones. */
export interface ExportedThread {
  /** The element it is pinned on, or null for a point of the board. */
  elementId: string | null;
  resolved: boolean;
  messages: Array<{ author: string; text: string; at: number }>;
}

/** Threads for an export: open ones, and resolved ones too when asked; held messages never. */
export function exportedThreads(state: FacilitationState, includeResolved: boolean): ExportedThread[] {
  return state.comments.threads.flatMap((thread) => {
    if (thread.resolved !== null && !includeResolved) return [];
    const messages = thread.messages
      .filter((m) => !m.held)
      .map((m) => ({ author: state.participants[m.authorId]?.name ?? m.authorName, text: m.text, at: m.at }));
    if (messages.length === 0) return [];
    return [{ elementId: thread.anchor.kind === "element" ? thread.anchor.elementId : null, resolved: thread.resolved !== null, messages }];
  });
}
