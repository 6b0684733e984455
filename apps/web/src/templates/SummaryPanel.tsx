import { type PrincipleRecord, type SummaryField, deleteRecord, summaryRecordId, writeRecord } from "@quadrant/board-model";
import type { BoardApi } from "../board/boardApi";
import { AddField } from "./AddField";
import { CommitField } from "./CommitField";
import { randomId } from "./docWrites";
import { patchRecord } from "./patchRecord";
import { movePrinciple, nextPrincipleOrder } from "./principles";
import { useBoardView } from "./useBoardView";
import "./outcomes.css";

/** The strategy document's first two sections (DOMAIN.md), in its order. */
const SECTIONS: ReadonlyArray<{ title: string; fields: ReadonlyArray<{ field: SummaryField; label: string; multiline: boolean }> }> = [
  {
    title: "Executive summary",
    fields: [
      { field: "vision", label: "Vision (one sentence)", multiline: false },
      { field: "timeline", label: "Timeline", multiline: false },
      { field: "resources", label: "Resources", multiline: true },
      { field: "outcomes", label: "Expected outcomes", multiline: true },
    ],
  },
  {
    title: "Business context",
    fields: [
      { field: "objectives", label: "Objectives", multiline: true },
      { field: "constraints", label: "Constraints", multiline: true },
      { field: "currentState", label: "Current state", multiline: true },
      { field: "challenges", label: "Key challenges", multiline: true },
    ],
  },
];

function PrincipleItem({ api, principle, index, count, list }: { api: BoardApi; principle: PrincipleRecord; index: number; count: number; list: readonly PrincipleRecord[] }) {
  const readOnly = !api.canEdit;
  const save = (patch: Partial<Pick<PrincipleRecord, "title" | "meaning">>) =>
    patchRecord(api.doc, principle.id, "principle", (p) => ({ ...p, ...patch }));
  const move = (delta: -1 | 1) => api.doc.transact(() => movePrinciple(list, index, delta).forEach((p) => writeRecord(api.doc, p)));
  return (
    <li className="principle" data-testid={`principle-${principle.id}`}>
      <CommitField value={principle.title} label={`principle ${index + 1}`} testId={`principle-title-${principle.id}`} readOnly={readOnly} maxLength={500} onCommit={(title) => save({ title })} />
      <CommitField
        value={principle.meaning}
        label={`what principle ${index + 1} means in practice`}
        testId={`principle-meaning-${principle.id}`}
        readOnly={readOnly}
        multiline
        placeholder="What it means in practice"
        onCommit={(meaning) => save({ meaning })}
      />
      {!readOnly && (
        <span className="panel-row">
          <button type="button" className="link-button" aria-label={`move principle ${index + 1} up`} data-testid={`principle-up-${principle.id}`} disabled={index === 0} onClick={() => move(-1)}>
            ↑
          </button>
          <button type="button" className="link-button" aria-label={`move principle ${index + 1} down`} data-testid={`principle-down-${principle.id}`} disabled={index === count - 1} onClick={() => move(1)}>
            ↓
          </button>
          <button type="button" className="link-button" aria-label={`delete principle ${index + 1}`} data-testid={`principle-delete-${principle.id}`} onClick={() => deleteRecord(api.doc, principle.id)}>
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

/** Executive summary, business context and technical principles: co-edited, one record per field. */
export function SummaryPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const readOnly = !api.canEdit;
  const saveField = (field: SummaryField, text: string) =>
    writeRecord(api.doc, { kind: "summary", id: summaryRecordId(field), field, text: text.trim() });
  return (
    <div className="panel-stack" data-testid="summary-panel">
      {SECTIONS.map((section) => (
        <div key={section.title} className="panel-stack">
          <h3>{section.title}</h3>
          {section.fields.map(({ field, label, multiline }) => (
            <label key={field} className="panel-field">
              {label}
              <CommitField value={view.summary[field]} label={label} testId={`summary-${field}`} readOnly={readOnly} multiline={multiline} maxLength={20_000} onCommit={(text) => saveField(field, text)} />
            </label>
          ))}
        </div>
      ))}
      <h3>Technical principles</h3>
      <ol className="principles" data-testid="principles">
        {view.principles.map((p, i) => (
          <PrincipleItem key={p.id} api={api} principle={p} index={i} count={view.principles.length} list={view.principles} />
        ))}
        {view.principles.length === 0 && <li className="muted">none yet</li>}
      </ol>
      {!readOnly && (
        <AddField
          label="new principle"
          testId="principle-new"
          buttonTestId="principle-add"
          buttonText="Add principle"
          placeholder="e.g. Buy before build for horizontal capabilities"
          onAdd={(title) => writeRecord(api.doc, { kind: "principle", id: randomId(), order: nextPrincipleOrder(view.principles), title, meaning: "" })}
        />
      )}
    </div>
  );
}
