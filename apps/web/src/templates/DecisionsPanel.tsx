import { useEffect, useState } from "react";
import { type DecisionEvidence, writeRecord } from "@quadrant/board-model";
import { adrLabel } from "@quadrant/templates";
import { canEdit as canExport } from "@quadrant/protocol";
import type { BoardApi } from "../board/boardApi";
import { AddField } from "./AddField";
import { DecisionEditor } from "./DecisionEditor";
import {
  evidenceFromNotes,
  evidenceFromScoring,
  evidenceFromVote,
  newDecision,
  nextDecisionNumber,
  renumberDuplicates,
  revealedScoring,
  revealedVote,
  titleFromNotes,
} from "./decisions";
import { randomId } from "./docWrites";
import { safeFileName } from "./download";
import { selectedNotes } from "./selection";
import { downloadExport } from "./serverExport";
import { useBoardView } from "./useBoardView";
import { useFacilitationView } from "./useFacilitationView";
import { useParticipantNames } from "./useParticipantNames";
import "./outcomes.css";

/** Decisions as ADRs: made from notes, a revealed vote or revealed scores; every field editable; exported one by one or all. */
export function DecisionsPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const facilitation = useFacilitationView(api);
  const names = useParticipantNames(api);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const me = api.presence.local()?.user.name ?? "someone";
  const vote = revealedVote(facilitation);
  const scoring = revealedScoring(facilitation);
  const texts = new Map(view.notes.map((n) => [n.id, n.text]));

  // Two people who created a decision at once took the same number: every editor repairs it alike.
  const { canEdit, doc } = api;
  useEffect(() => {
    if (!canEdit) return;
    const repaired = renumberDuplicates(view.decisions);
    if (repaired.length > 0) doc.transact(() => repaired.forEach((d) => writeRecord(doc, d)));
  }, [canEdit, doc, view.decisions]);

  const create = (start: { title: string; noteIds?: readonly string[]; evidence?: DecisionEvidence }) => {
    const record = newDecision({ id: randomId(), number: nextDecisionNumber(view.decisions), now: Date.now(), by: me, ...start });
    writeRecord(api.doc, record);
    setOpen(record.id);
  };
  const fromSelection = () => {
    const notes = selectedNotes(api, view.notes);
    if (notes.length === 0) {
      api.scene?.toast("Select one or more notes first.");
      return;
    }
    create({ title: titleFromNotes(notes), noteIds: notes.map((n) => n.id), evidence: evidenceFromNotes(notes) });
  };
  const fromVote = () => {
    if (!vote) return;
    const top = vote[0];
    create({ title: top ? (texts.get(top.noteId) ?? "") : "", noteIds: vote.map((r) => r.noteId), evidence: evidenceFromVote(vote, texts) });
  };
  const fromScoring = () => {
    if (!scoring) return;
    create({ title: titleFromNotes(scoring.flatMap((r) => (texts.has(r.noteId) ? [{ text: texts.get(r.noteId) ?? "" }] : []))), noteIds: scoring.map((r) => r.noteId), evidence: evidenceFromScoring(scoring, texts) });
  };
  const downloadAll = async () => setError(await downloadExport(api, { format: "adr" }, `${safeFileName(api.info.title)}-adrs.zip`));

  return (
    <div className="panel-stack" data-testid="decisions-panel">
      {api.canEdit && (
        <div className="panel-stack">
          <AddField
            label="new decision title"
            testId="decision-new-title"
            buttonTestId="decision-new"
            buttonText="New decision"
            placeholder="Decision title…"
            onAdd={(title) => create({ title })}
          />
          <div className="panel-row">
            <button type="button" data-testid="decision-from-selection" onClick={fromSelection} title="The notes selected on the canvas become the decision's evidence">
              From selected notes
            </button>
            <button type="button" data-testid="decision-from-vote" disabled={!vote} onClick={fromVote} title={vote ? "Copies the revealed dot-vote totals" : "No revealed vote yet"}>
              From vote results
            </button>
            <button type="button" data-testid="decision-from-scoring" disabled={!scoring} onClick={fromScoring} title={scoring ? "Copies the revealed means and spreads" : "No revealed scoring yet"}>
              From scoring results
            </button>
          </div>
        </div>
      )}
      {view.decisions.length === 0 && <p className="muted">No decisions yet.</p>}
      {view.decisions.map((d) => (
        <details
          key={d.id}
          className="decision-card"
          data-testid={`decision-${d.number}`}
          open={open === d.id}
          onToggle={(e) => {
            const isOpen = e.currentTarget.open;
            setOpen((current) => (isOpen ? d.id : current === d.id ? null : current));
          }}
        >
          <summary>
            <strong>{adrLabel(d.number)}</strong> {d.title || <em>untitled</em>}{" "}
            <span className={`status-pill status-${d.status}`} data-testid={`decision-status-pill-${d.number}`}>
              {d.status === "superseded" && d.supersededBy ? `superseded by ${adrLabel(d.supersededBy)}` : d.status}
            </span>
          </summary>
          {open === d.id && <DecisionEditor api={api} decision={d} view={view} names={names} me={me} />}
        </details>
      ))}
      {view.decisions.length > 0 && canExport(api.role) && (
        <div className="panel-row">
          <button type="button" data-testid="adr-download-all" onClick={() => void downloadAll()}>
            All ADRs (.zip)
          </button>
        </div>
      )}
      {error && <p role="alert" className="form-error">{error}</p>}
    </div>
  );
}
