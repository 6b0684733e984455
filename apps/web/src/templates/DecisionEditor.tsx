import { useId, useState } from "react";
import { DECISION_STATUSES, type DecisionRecord, type DecisionStatus } from "@quadrant/board-model";
import { type BoardView, adrFileName, adrLabel } from "@quadrant/templates";
import { canEdit as canExport } from "@quadrant/protocol";
import type { BoardApi } from "../board/boardApi";
import { AlternativesEditor } from "./AlternativesEditor";
import { CommitField } from "./CommitField";
import { withStatus } from "./decisions";
import { DissentEditor } from "./DissentEditor";
import { EvidenceList } from "./EvidenceList";
import { patchRecord } from "./patchRecord";
import { downloadExport } from "./serverExport";

type TextField = "title" | "deciders" | "context" | "decision" | "implementation";
type Consequence = keyof DecisionRecord["consequences"];

const TEXTS: ReadonlyArray<{ field: Exclude<TextField, "title">; label: string; multiline: boolean }> = [
  { field: "deciders", label: "Deciders", multiline: false },
  { field: "context", label: "Context (the problem)", multiline: true },
  { field: "decision", label: "Decision", multiline: true },
];
const CONSEQUENCES: ReadonlyArray<{ field: Consequence; label: string }> = [
  { field: "positive", label: "Consequences: positive" },
  { field: "negative", label: "Consequences: negative" },
  { field: "neutral", label: "Consequences: neutral" },
];

/** A date field; a date input reports "" while incomplete or cleared, else yyyy-mm-dd. */
function DateField({ label, testId, value, readOnly, onChange }: { label: string; testId: string; value: string; readOnly: boolean; onChange: (value: string) => void }) {
  return (
    <label className="panel-field">
      {label}
      <input type="date" aria-label={label.toLowerCase()} data-testid={testId} value={value} disabled={readOnly} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

interface Props {
  api: BoardApi;
  decision: DecisionRecord;
  view: BoardView;
  names: readonly string[];
  /** Display name for the status history. */
  me: string;
}

/** Every field of one ADR; each saved on its own against the record as the document holds it now. */
export function DecisionEditor({ api, decision, view, names, me }: Props) {
  const n = decision.number;
  const readOnly = !api.canEdit;
  const listId = useId();
  const [error, setError] = useState<string | null>(null);
  const patch = (change: (d: DecisionRecord) => DecisionRecord) => patchRecord(api.doc, decision.id, "decision", change);
  const others = view.decisions.filter((d) => d.id !== decision.id);
  // The clock is read here, at the call site; withStatus itself is pure.
  const setStatus = (status: DecisionStatus, supersededBy?: number) =>
    patch((d) => withStatus(d, status, { at: Date.now(), by: me, supersededBy: supersededBy ?? (status === "superseded" ? others[0]?.number : undefined) }));
  const download = async () => {
    setError(await downloadExport(api, { format: "adr", number: String(n) }, adrFileName(decision)));
  };

  return (
    <div className="panel-stack decision-fields">
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <label className="panel-field">
        Title
        <CommitField value={decision.title} label="title" testId={`decision-title-${n}`} readOnly={readOnly} maxLength={500} onCommit={(title) => patch((d) => ({ ...d, title }))} />
      </label>
      <div className="panel-row">
        <label className="panel-field">
          Status
          <select aria-label="status" data-testid={`decision-status-${n}`} value={decision.status} disabled={readOnly} onChange={(e) => setStatus(e.target.value as DecisionStatus)}>
            {DECISION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {decision.status === "superseded" && (
          <label className="panel-field">
            Superseded by
            <select
              aria-label="superseded by"
              data-testid={`decision-superseded-by-${n}`}
              value={decision.supersededBy ?? ""}
              disabled={readOnly}
              onChange={(e) => e.target.value !== "" && setStatus("superseded", Number(e.target.value))}
            >
              <option value="">—</option>
              {others.map((d) => (
                <option key={d.id} value={d.number}>
                  {adrLabel(d.number)} {d.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <DateField label="Date" testId={`decision-date-${n}`} value={decision.date} readOnly={readOnly} onChange={(date) => date !== "" && patch((d) => ({ ...d, date }))} />
      </div>
      {TEXTS.map(({ field, label, multiline }) => (
        <label key={field} className="panel-field">
          {label}
          <CommitField
            value={decision[field]}
            label={label}
            testId={`decision-${field}-${n}`}
            readOnly={readOnly}
            multiline={multiline}
            list={field === "deciders" ? listId : undefined}
            onCommit={(text) => patch((d) => ({ ...d, [field]: text }))}
          />
        </label>
      ))}
      <label className="panel-field">
        Strategic theme
        <select
          aria-label="strategic theme"
          data-testid={`decision-theme-${n}`}
          value={decision.themeId ?? ""}
          disabled={readOnly}
          onChange={(e) => {
            const themeId = e.target.value;
            patch(({ themeId: _old, ...d }) => (themeId ? { ...d, themeId } : d));
          }}
        >
          <option value="">No theme</option>
          {view.themes.map(({ theme }) => (
            <option key={theme.id} value={theme.id}>
              {theme.name || "Untitled theme"}
            </option>
          ))}
        </select>
      </label>
      {CONSEQUENCES.map(({ field, label }) => (
        <label key={field} className="panel-field">
          {label}
          <CommitField
            value={decision.consequences[field]}
            label={label}
            testId={`decision-consequence-${field}-${n}`}
            readOnly={readOnly}
            multiline
            onCommit={(text) => patch((d) => ({ ...d, consequences: { ...d.consequences, [field]: text } }))}
          />
        </label>
      ))}
      <AlternativesEditor decision={decision} readOnly={readOnly} onChange={(change) => patch((d) => ({ ...d, alternatives: change(d.alternatives) }))} />
      <label className="panel-field">
        Implementation notes
        <CommitField value={decision.implementation} label="implementation notes" testId={`decision-implementation-${n}`} readOnly={readOnly} multiline onCommit={(implementation) => patch((d) => ({ ...d, implementation }))} />
      </label>
      <DateField label="Review date" testId={`decision-review-${n}`} value={decision.reviewDate} readOnly={readOnly} onChange={(reviewDate) => patch((d) => ({ ...d, reviewDate }))} />
      <DissentEditor
        decision={decision}
        readOnly={readOnly}
        names={names}
        listId={listId}
        onChange={(change) =>
          patch(({ dissent, ...d }) => {
            const next = change(dissent);
            return next ? { ...d, dissent: next } : d;
          })
        }
      />
      {decision.evidence && <EvidenceList evidence={decision.evidence} testId={`decision-evidence-${n}`} />}
      <details className="decision-history" data-testid={`decision-history-${n}`}>
        <summary>History ({decision.history.length})</summary>
        <ul>
          {decision.history.map((h, i) => (
            <li key={i}>
              {new Date(h.at).toLocaleString()} · {h.status} · {h.by}
            </li>
          ))}
        </ul>
      </details>
      {/* The server exports to facilitators and editors (as the Export panel offers it). */}
      {canExport(api.role) && (
        <div className="panel-row">
          <button type="button" data-testid={`decision-download-${n}`} onClick={() => void download()}>
            Download ADR
          </button>
        </div>
      )}
      {error && <p role="alert" className="form-error">{error}</p>}
    </div>
  );
}
