import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { type JsonObject, elementsMap, notesMap, readNoteData } from "@quadrant/board-model";
import { authorLegend } from "@quadrant/templates";

/** Authors of the notes on the board now (deleted notes' authors drop out of the legend). */
function authorsOnBoard(doc: Y.Doc): (string | null)[] {
  const elements = elementsMap(doc);
  const out: (string | null)[] = [];
  notesMap(doc).forEach((_data, id) => {
    const e = elements.get(id);
    if (e && e.isDeleted !== true) out.push(readNoteData(doc, id).author ?? null);
  });
  return out;
}

/** RULE 36's legend, on every screen while notes are coloured by author: who is which colour. */
export function AuthorLegend({ doc }: { doc: Y.Doc }) {
  const [entries, setEntries] = useState(() => authorLegend(authorsOnBoard(doc)));
  useEffect(() => {
    const update = () =>
      setEntries((before) => {
        const next = authorLegend(authorsOnBoard(doc));
        return JSON.stringify(next) === JSON.stringify(before) ? before : next;
      });
    update();
    const notes = notesMap(doc);
    const elements = elementsMap(doc);
    // Element changes matter only for notes (one deleted or restored): re-reading every note's
    // data on any remote edit ran inside the websocket message, ahead of the canvas.
    const onElements = (event: Y.YMapEvent<JsonObject>) => {
      for (const id of event.keysChanged) {
        if (!notes.has(id)) continue;
        update();
        return;
      }
    };
    notes.observe(update);
    elements.observe(onElements);
    return () => {
      notes.unobserve(update);
      elements.unobserve(onElements);
    };
  }, [doc]);
  if (entries.length === 0) return null;
  return (
    <aside className="author-legend" data-testid="author-legend" aria-label="note colours by author">
      <span className="author-legend-title">Colours by author</span>
      {entries.map((e) => (
        <span key={e.name} className="author-legend-entry" data-testid="author-legend-entry" data-colour={e.colour}>
          <span className="author-legend-swatch" style={{ background: e.colour }} aria-hidden />
          {e.name}
        </span>
      ))}
    </aside>
  );
}
