import type { NoteColourMode } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { useFacilitationView } from "../templates/useFacilitationView";
import { recolourAll } from "./noteLayout";

/**
 * The facilitator's choice of note colours for everyone (RULE 36): the mode goes to the server
 * (facilitation state, so every client and a late joiner reads it) and this client repaints the
 * notes already on the board in one undoable change.
 */
export function NoteColoursControl({ api }: { api: BoardApi }) {
  const view = useFacilitationView(api);
  if (api.role !== "facilitator") return null;
  const mode = view?.noteColours ?? "category";
  const choose = (next: NoteColourMode) => {
    if (!api.control.send({ type: "notes.colours", mode: next })) return;
    if (api.scene) recolourAll(api.scene, api.doc, next);
  };
  return (
    <label className="panel-row small">
      Note colours
      <select aria-label="note colours" data-testid="note-colours" value={mode} onChange={(e) => choose(e.target.value as NoteColourMode)}>
        <option value="category">by category (zone)</option>
        <option value="author">by author</option>
      </select>
    </label>
  );
}
