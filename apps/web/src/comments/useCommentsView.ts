import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Command, CommentsView } from "@quadrant/facilitation";
import type { ControlChannel } from "../facilitation/controlChannel";

/** A comment command the page sends, and the refusal the server answers it with (shown where it was typed). */
export interface CommentsChannel {
  view: CommentsView | null;
  /** The server's clock now: message times are server times. */
  now: () => number;
  send: (command: Command) => boolean;
  /** The server's "no" to this page's last comment command, for a few seconds. */
  error: string | null;
  clearError: () => void;
}

const ERROR_MS = 6000;

export function useCommentsView(control: ControlChannel): CommentsChannel {
  const [view, setView] = useState<CommentsView | null>(control.view?.comments ?? null);
  const [error, setError] = useState<string | null>(null);
  const lastSent = useRef(0);
  useEffect(() => control.onView((v) => setView(v.comments)), [control]);
  useEffect(
    () =>
      control.onRefusal((refusal) => {
        // Refusals carry the command's id, which send() does not hand out: timing tells ours apart well enough.
        if (Date.now() - lastSent.current < 3000) setError(refusal.message);
      }),
    [control],
  );
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_MS);
    return () => clearTimeout(timer);
  }, [error]);
  const send = useCallback(
    (command: Command) => {
      lastSent.current = Date.now();
      const sent = control.send(command);
      if (!sent) setError("Not connected: your comment was not sent. Try again when the board is back online.");
      return sent;
    },
    [control],
  );
  const now = useCallback(() => control.serverNow(), [control]);
  const clearError = useCallback(() => setError(null), []);
  return useMemo(() => ({ view, now, send, error, clearError }), [view, now, send, error, clearError]);
}

/** A fresh id for a thread or a message: random, like element ids (the server refuses one already taken). */
export function newCommentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`.slice(0, 24);
}
