import { useState } from "react";
import type { CommentsChannel } from "./useCommentsView";
import type { Thread } from "./usePins";
import { when } from "./MessageText";

interface Props {
  threads: readonly Thread[];
  comments: CommentsChannel;
  labelOf: (thread: Thread) => string;
  isFacilitator: boolean;
  viewersMayComment: boolean;
  filter: "open" | "resolved";
  onFilter: (filter: "open" | "resolved") => void;
  onJump: (thread: Thread) => void;
  onClose: () => void;
}

/** Every thread on the board, open or resolved; a click jumps to its pin and opens it. */
export function CommentsPanel({ threads, comments, labelOf, isFacilitator, viewersMayComment, filter, onFilter, onJump, onClose }: Props) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const open = threads.filter((t) => t.resolved === null);
  const resolved = threads.filter((t) => t.resolved !== null);
  const shown = (filter === "open" ? open : resolved).filter((t) => !unreadOnly || t.unread > 0);
  // Newest activity first, like every comment list people know.
  const latest = (t: Thread) => Math.max(...t.messages.map((m) => m.at));
  const sorted = [...shown].sort((a, b) => latest(b) - latest(a));
  const now = comments.now();
  return (
    <aside className="comments-panel" data-testid="comments-panel" aria-label="Comments">
      <header className="comments-panel-head">
        <h2>Comments</h2>
        <button type="button" className="comment-close" aria-label="Close the comments" data-testid="comments-panel-close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="comments-tabs" role="tablist" aria-label="Which threads">
        {(["open", "resolved"] as const).map((f) => (
          <button
            key={f}
            type="button"
            role="tab"
            aria-selected={filter === f}
            className={filter === f ? "is-active" : ""}
            data-testid={`comments-filter-${f}`}
            onClick={() => onFilter(f)}
          >
            {f === "open" ? "Open" : "Resolved"} <span className="comments-tab-count">{f === "open" ? open.length : resolved.length}</span>
          </button>
        ))}
        <label className="comments-unread-only">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread
        </label>
      </div>
      {sorted.length === 0 ? (
        <p className="comments-empty" data-testid="comments-empty">
          {filter === "open" ? "No open threads. Press C, then click an item or the board to start one." : "No resolved threads yet."}
        </p>
      ) : (
        <ul className="comments-list">
          {sorted.map((t) => {
            const first = t.messages[0]!;
            const replies = t.messages.length - 1;
            return (
              <li key={t.id}>
                <button
                  type="button"
                  className={`comments-item${t.unread > 0 ? " is-unread" : ""}${t.mentionsMe ? " mentions-me" : ""}`}
                  data-testid="comments-item"
                  data-thread={t.id}
                  onClick={() => onJump(t)}
                >
                  <span className="comments-item-top">
                    <strong>{first.author}</strong>
                    <span className="comment-when">{when(latest(t), now)}</span>
                    {t.unread > 0 && (
                      <span className="comment-badge" data-testid="comments-item-unread" aria-label={`${t.unread} unread`}>
                        {t.mentionsMe ? "@" : ""}
                        {t.unread}
                      </span>
                    )}
                  </span>
                  <span className="comments-item-text">{first.text}</span>
                  <span className="comments-item-foot">
                    {labelOf(t)}
                    {replies > 0 && ` · ${replies} ${replies === 1 ? "reply" : "replies"}`}
                    {t.resolved && ` · resolved by ${t.resolved.by}`}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {isFacilitator && (
        <label className="comments-setting" data-testid="comments-viewers-setting">
          <input
            type="checkbox"
            checked={viewersMayComment}
            onChange={(e) => comments.send({ type: "comment.settings", viewersMayComment: e.target.checked })}
          />
          Viewers may comment
        </label>
      )}
    </aside>
  );
}
