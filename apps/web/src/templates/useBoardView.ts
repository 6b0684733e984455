import { startTransition, useEffect, useState } from "react";
import type * as Y from "yjs";
import { type BoardView, type Votes } from "@quadrant/templates";
import { BoardViewSource } from "./boardViewSource";

/**
 * One source per document, shared by every panel that reads it (see BoardViewSource). Keyed
 * weakly by the document: it lives exactly as long as the board session's Y.Doc.
 */
const sources = new WeakMap<Y.Doc, BoardViewSource>();

function sourceOf(doc: Y.Doc): BoardViewSource {
  let source = sources.get(doc);
  if (!source) {
    source = new BoardViewSource(doc);
    sources.set(doc, source);
  }
  return source;
}

/**
 * The interpreted board, refreshed shortly after document changes (PANEL_REFRESH_MS), shared by all panels.
 * A refresh re-renders the panels as a transition: React renders them in slices of a few ms and
 * yields between them, so the canvas keeps drawing and taking input. On opening a big board that
 * first render (hundreds of rows and score fields) was one task of over 100 ms right after the
 * board's first draw, and the canvas could not be used until it ended.
 */
export function useBoardView(doc: Y.Doc, votes?: Votes): BoardView {
  const source = sourceOf(doc);
  const [view, setView] = useState(() => source.view(votes));
  useEffect(() => {
    setView(source.view(votes));
    return source.subscribe(() => startTransition(() => setView(source.view(votes))));
  }, [source, votes]);
  return view;
}
