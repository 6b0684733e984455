import { useEffect, useState } from "react";
import type { CommentsChannel } from "./useCommentsView";
import { newCommentId } from "./useCommentsView";
import type { Thread } from "./usePins";
import { Composer } from "./Composer";
import { MessageText, when } from "./MessageText";
import { besidePin } from "./besidePin";

interface Props {
  thread: Thread;
  /** What the thread is on ("On the note “SSO”", "On the board"), and whether that item was deleted. */
  place: { label: string; deleted: boolean };
  /** Page pixels of the pin: the popover opens beside it, kept on screen. */
  at: { left: number; top: number };
  comments: CommentsChannel;
  people: readonly string[];
  mayComment: boolean;
  isFacilitator: boolean;
  onClose: () => void;
}

const WIDTH = 340;

/** One thread: its messages, reply, resolve or reopen, edit and delete of one's own messages. */
export function ThreadPopover({ thread, place, at, comments, people, mayComment, isFacilitator, onClose }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const now = comments.now();
  const { send } = comments;

  // Open means read: the marker is the server's, so every device of this person agrees.
  useEffect(() => {
    if (thread.unread > 0) send({ type: "comment.read", threadId: thread.id });
  }, [thread.id, thread.unread, send]);

  const { left, top } = besidePin(at, WIDTH, 420);
  const resolved = thread.resolved !== null;
  return (
    <section
      className={`comment-popover${resolved ? " is-resolved" : ""}`}
      style={{ left, top, width: WIDTH }}
      data-testid="comment-thread"
      data-thread={thread.id}
      data-resolved={resolved ? "true" : "false"}
      aria-label="Comment thread"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <header className="comment-popover-head">
        <div className="comment-place">
          <span className="comment-place-label">{place.label}</span>
          {place.deleted && (
            <span className="comment-place-gone" data-testid="comment-anchor-deleted">
              The item was deleted: the thread stays where it was
            </span>
          )}
        </div>
        {mayComment &&
          (resolved ? (
            <button type="button" className="comment-btn" data-testid="comment-reopen" onClick={() => send({ type: "comment.resolve", threadId: thread.id, resolved: false })}>
              Reopen
            </button>
          ) : (
            <button
              type="button"
              className="comment-btn is-resolve"
              data-testid="comment-resolve"
              title="Mark as resolved"
              onClick={() => send({ type: "comment.resolve", threadId: thread.id, resolved: true })}
            >
              ✓ Resolve
            </button>
          ))}
        <button type="button" className="comment-close" aria-label="Close the thread" data-testid="comment-close" onClick={onClose}>
          ×
        </button>
      </header>
      {resolved && (
        <p className="comment-resolved-note" data-testid="comment-resolved-by">
          Resolved by {thread.resolved?.by} · {when(thread.resolved?.at ?? now, now)}
        </p>
      )}
      <ol className="comment-messages">
        {thread.messages.map((m) => (
          <li key={m.id} className={`comment-message${m.mentionsMe ? " mentions-me" : ""}`} data-testid="comment-message" data-message={m.id}>
            <div className="comment-meta">
              <span className="comment-avatar" aria-hidden>
                {m.author.slice(0, 1).toUpperCase()}
              </span>
              <strong className="comment-author">{m.author}</strong>
              <span className="comment-when">
                {when(m.at, now)}
                {m.editedAt !== null && " · edited"}
              </span>
              {m.held && (
                <span className="comment-held" title="Written during the private brainstorm: the others see it after the reveal">
                  private until reveal
                </span>
              )}
            </div>
            {editing === m.id ? (
              <Composer
                people={people}
                initial={m.text}
                autoFocus
                placeholder="Edit your comment"
                submitLabel="Save"
                testId="comment-edit-field"
                onCancel={() => setEditing(null)}
                onSubmit={(text, mentions) => {
                  const sent = send({ type: "comment.edit", threadId: thread.id, messageId: m.id, text, mentions });
                  if (sent) setEditing(null);
                  return sent;
                }}
              />
            ) : (
              <MessageText text={m.text} mentions={m.mentions} />
            )}
            {(m.mine || isFacilitator) && editing !== m.id && (
              <div className="comment-own-actions">
                {m.mine && mayComment && (
                  <button type="button" className="link-button" data-testid="comment-edit" onClick={() => setEditing(m.id)}>
                    Edit
                  </button>
                )}
                <button
                  type="button"
                  className="link-button"
                  data-testid="comment-delete"
                  onClick={() => {
                    const last = thread.messages.length === 1;
                    if (window.confirm(last ? "Delete this comment and its thread?" : "Delete this comment?")) {
                      send({ type: "comment.delete", threadId: thread.id, messageId: m.id });
                    }
                  }}
                >
                  Delete
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {comments.error && (
        <p className="comment-error" role="alert" data-testid="comment-error">
          {comments.error}
        </p>
      )}
      {mayComment ? (
        <Composer
          people={people}
          autoFocus
          placeholder={resolved ? "Reply (the thread stays resolved)" : "Reply… (@ to mention)"}
          submitLabel="Reply"
          testId="comment-reply"
          onSubmit={(text, mentions) => send({ type: "comment.reply", threadId: thread.id, messageId: newCommentId(), text, mentions })}
        />
      ) : (
        <p className="comment-readonly">The facilitator has turned comments off for viewers.</p>
      )}
    </section>
  );
}
