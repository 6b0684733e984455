import type { CommentAnchor } from "@quadrant/facilitation";
import { Composer } from "./Composer";
import { besidePin } from "./besidePin";
import type { CommentsChannel } from "./useCommentsView";
import { newCommentId } from "./useCommentsView";

export interface Draft {
  anchor: CommentAnchor;
  /** Page pixels where the person clicked. */
  left: number;
  top: number;
  label: string;
}

interface Props {
  draft: Draft;
  comments: CommentsChannel;
  people: readonly string[];
  privateMode: boolean;
  onDone: (threadId: string | null) => void;
}

/** The first message of a new thread, typed where the person clicked. */
export function NewThread({ draft, comments, people, privateMode, onDone }: Props) {
  const { left, top } = besidePin(draft, 340, 220);
  return (
    <>
      <span className="comment-pin is-draft" style={{ left: draft.left, top: draft.top }} aria-hidden>
        +
      </span>
      <section className="comment-popover is-new" style={{ left, top, width: 340 }} data-testid="comment-new" aria-label="New comment">
        <header className="comment-popover-head">
          <div className="comment-place">
            <span className="comment-place-label">{draft.label}</span>
            {privateMode && <span className="comment-place-gone">Private brainstorm: the others see it after the reveal</span>}
          </div>
          <button type="button" className="comment-close" aria-label="Cancel the comment" onClick={() => onDone(null)}>
            ×
          </button>
        </header>
        {comments.error && (
          <p className="comment-error" role="alert" data-testid="comment-error">
            {comments.error}
          </p>
        )}
        <Composer
          people={people}
          autoFocus
          placeholder="Add a comment… (@ to mention)"
          submitLabel="Comment"
          testId="comment-new-field"
          onCancel={() => onDone(null)}
          onSubmit={(text, mentions) => {
            const threadId = newCommentId();
            const sent = comments.send({ type: "comment.start", threadId, messageId: newCommentId(), anchor: draft.anchor, text, mentions });
            if (sent) onDone(threadId);
            return sent;
          }}
        />
      </section>
    </>
  );
}
