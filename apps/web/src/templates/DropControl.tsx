import { useState } from "react";
import { updateNoteData } from "@quadrant/board-model";
import type { NoteView } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";

/**
 * "Drop" an initiative: the group decides not to do it and says why (NoteData.dropped);
 * it leaves the roadmap and is listed under "not doing". Undo puts it back.
 */
export function DropControl({ api, note }: { api: BoardApi; note: NoteView }) {
  const [reason, setReason] = useState<string | null>(null);
  if (note.dropped) {
    return (
      <span className="drop-control" data-testid={`dropped-${note.id}`}>
        <span className="status-pill status-dropped">not doing</span> {note.dropped.reason}
        {api.canEdit && (
          <button type="button" className="link-button" aria-label={`undo drop of ${note.text}`} data-testid={`undrop-${note.id}`} onClick={() => updateNoteData(api.doc, note.id, { dropped: undefined })}>
            Undo
          </button>
        )}
      </span>
    );
  }
  if (!api.canEdit) return null;
  if (reason === null) {
    return (
      <button type="button" className="link-button" aria-label={`drop ${note.text}`} data-testid={`drop-${note.id}`} onClick={() => setReason("")}>
        Drop…
      </button>
    );
  }
  const confirm = () => {
    if (reason.trim() === "") return;
    updateNoteData(api.doc, note.id, { dropped: { reason: reason.trim() } });
    setReason(null);
  };
  return (
    <span className="drop-control panel-row">
      <input
        aria-label={`why not do ${note.text}`}
        data-testid={`drop-reason-${note.id}`}
        placeholder="Why we're not doing it"
        maxLength={2000}
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") confirm();
          if (e.key === "Escape") setReason(null);
        }}
      />
      <button type="button" data-testid={`drop-confirm-${note.id}`} disabled={reason.trim() === ""} onClick={confirm}>
        Drop
      </button>
      <button type="button" className="link-button" onClick={() => setReason(null)}>
        Cancel
      </button>
    </span>
  );
}
