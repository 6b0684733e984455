import { useState } from "react";
import { type ActionRecord, type Due, deleteRecord, writeRecord } from "@quadrant/board-model";
import type { NoteView } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { linkLabel, linkOptions, linkValue, newAction, parseLinkValue } from "./actions";
import { CommitField } from "./CommitField";
import { oneLine } from "./decisions";
import { parseDue } from "./due";
import { randomId } from "./docWrites";
import { OwnerDueFields } from "./OwnerDueFields";
import { patchRecord } from "./patchRecord";
import { selectedNotes } from "./selection";
import { useBoardView } from "./useBoardView";
import { useParticipantNames } from "./useParticipantNames";
import "./outcomes.css";

interface Draft {
  text: string;
  owner: string;
  due: Due | "";
  link: string;
}
const EMPTY: Draft = { text: "", owner: "", due: "", link: "" };

/** Action items: what, who, by when, and what they follow from; added here or from a note; ticked off when done. */
export function ActionsPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const names = useParticipantNames(api);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  // A note picked with "Action from note" stays offered as a link even when it is not a matrix initiative.
  const [picked, setPicked] = useState<NoteView | null>(null);
  const readOnly = !api.canEdit;
  const now = Date.now();
  const options = linkOptions(view, picked ? [picked] : []);

  const add = () => {
    if (draft.text.trim() === "") return;
    writeRecord(api.doc, newAction({ id: randomId(), text: draft.text, owner: draft.owner, due: draft.due, link: parseLinkValue(draft.link), now: Date.now() }));
    setDraft(EMPTY);
    setPicked(null);
  };
  const fromNote = () => {
    const [note] = selectedNotes(api, view.notes);
    if (!note) {
      api.scene?.toast("Select a note first.");
      return;
    }
    setPicked(note);
    setDraft((d) => ({ ...d, text: oneLine(note.text, 500), link: linkValue({ kind: "note", id: note.id }), owner: d.owner || (note.owner ?? ""), due: d.due || (parseDue(note.due ?? "") ?? "") }));
  };
  const patch = (id: string, change: Partial<ActionRecord>) => patchRecord(api.doc, id, "action", (a) => ({ ...a, ...change }));

  return (
    <div className="panel-stack" data-testid="actions-panel">
      {!readOnly && (
        <div className="panel-stack action-form">
          <input
            aria-label="new action"
            data-testid="action-text"
            placeholder="What needs doing…"
            maxLength={500}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            onKeyDown={(e) => e.key === "Enter" && add()}
          />
          <OwnerDueFields
            owner={draft.owner}
            due={draft.due}
            testId="action-new"
            subject="the new action"
            readOnly={false}
            names={names}
            now={now}
            onOwner={(owner) => setDraft((d) => ({ ...d, owner }))}
            onDue={(due) => setDraft((d) => ({ ...d, due }))}
          />
          <select aria-label="follows from" data-testid="action-link" value={draft.link} onChange={(e) => setDraft({ ...draft, link: e.target.value })}>
            <option value="">Not linked</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <div className="panel-row">
            <button type="button" className="primary" data-testid="action-add" disabled={draft.text.trim() === ""} onClick={add}>
              Add action
            </button>
            <button type="button" data-testid="action-from-note" onClick={fromNote} title="Prefills the action from the note selected on the canvas">
              Action from note
            </button>
          </div>
        </div>
      )}
      {view.actions.length === 0 && <p className="muted">No actions yet.</p>}
      <ul className="actions" data-testid="actions">
        {view.actions.map((a) => {
          const linked = linkLabel(view, a.link);
          return (
            <li key={a.id} className={a.done ? "action done" : "action"} data-testid={`action-${a.id}`} data-done={a.done}>
              <div className="panel-row">
                <input type="checkbox" aria-label={`done: ${a.text}`} data-testid={`action-done-${a.id}`} checked={a.done} disabled={readOnly} onChange={(e) => patch(a.id, { done: e.target.checked })} />
                <CommitField value={a.text} label="action" testId={`action-text-${a.id}`} readOnly={readOnly} maxLength={500} onCommit={(text) => text.trim() !== "" && patch(a.id, { text: oneLine(text, 500) })} />
                {!readOnly && (
                  <button type="button" className="link-button" aria-label={`delete action: ${a.text}`} data-testid={`action-delete-${a.id}`} onClick={() => deleteRecord(api.doc, a.id)}>
                    Delete
                  </button>
                )}
              </div>
              <OwnerDueFields
                owner={a.owner}
                due={a.due}
                testId={`action-${a.id}-plan`}
                subject={a.text}
                readOnly={readOnly}
                names={names}
                now={now}
                onOwner={(owner) => patch(a.id, { owner })}
                onDue={(due) => patch(a.id, { due })}
              />
              {a.link && <div className="note-meta">follows from {linked ?? <em>something since deleted</em>}</div>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
