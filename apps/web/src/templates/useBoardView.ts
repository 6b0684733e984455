import { useEffect, useState } from "react";
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

/** The interpreted board, refreshed shortly after document changes (PANEL_REFRESH_MS), shared by all panels. */
export function useBoardView(doc: Y.Doc, votes?: Votes): BoardView {
  const source = sourceOf(doc);
  const [view, setView] = useState(() => source.view(votes));
  useEffect(() => {
    setView(source.view(votes));
    return source.subscribe(() => setView(source.view(votes)));
  }, [source, votes]);
  return view;
}
