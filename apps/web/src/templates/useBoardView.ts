import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { parseBoard, snapshotBoard } from "@quadrant/board-model";
import { type BoardView, type Votes, interpretBoard } from "@quadrant/templates";

const NO_VOTES: Votes = new Map();

function compute(doc: Y.Doc, votes: Votes): BoardView {
  return interpretBoard(parseBoard(snapshotBoard(doc)), votes);
}

/** The interpreted board, recomputed at most once per frame after any document change. */
export function useBoardView(doc: Y.Doc, votes: Votes = NO_VOTES): BoardView {
  const [view, setView] = useState(() => compute(doc, votes));
  useEffect(() => {
    let frame = 0;
    const onUpdate = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setView(compute(doc, votes));
      });
    };
    doc.on("update", onUpdate);
    setView(compute(doc, votes));
    return () => {
      doc.off("update", onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc, votes]);
  return view;
}
