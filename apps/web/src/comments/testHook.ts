import type { CommentsView } from "@quadrant/facilitation";
import type { Pin } from "./usePins";

/** End-to-end tests only (the e2e build, .env.e2e): reads the comments view and where the pins are. Never acts. */
export interface CommentsTestHook {
  view(): CommentsView | null;
  pins(): Pin[];
}

declare global {
  interface Window {
    __quadrantComments?: CommentsTestHook;
  }
}

export function installCommentsTestHook(view: () => CommentsView | null, pins: () => Pin[]): () => void {
  const hook: CommentsTestHook = { view, pins };
  window.__quadrantComments = hook;
  return () => {
    if (window.__quadrantComments === hook) delete window.__quadrantComments;
  };
}
