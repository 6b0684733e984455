import type { DecisionRecord } from "@quadrant/board-model";
import { AddField } from "./AddField";
import { CommitField } from "./CommitField";

interface Props {
  decision: DecisionRecord;
  readOnly: boolean;
  /** Writes the new list (the caller reads the record as the document holds it now). */
  onChange: (change: (alternatives: DecisionRecord["alternatives"]) => DecisionRecord["alternatives"]) => void;
}

/** Alternatives considered, each with why it was not chosen. */
export function AlternativesEditor({ decision, readOnly, onChange }: Props) {
  const n = decision.number;
  const set = (index: number, patch: Partial<DecisionRecord["alternatives"][number]>) =>
    onChange((list) => list.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <div className="panel-stack" data-testid={`decision-alternatives-${n}`}>
      <div className="panel-field">Alternatives considered</div>
      {decision.alternatives.length === 0 && readOnly && <p className="muted">none recorded</p>}
      <ol className="sub-list">
        {decision.alternatives.map((a, i) => (
          <li key={i} className="panel-stack">
            <CommitField value={a.option} label={`alternative ${i + 1}`} testId={`decision-alternative-${n}-${i}`} readOnly={readOnly} maxLength={500} onCommit={(v) => set(i, { option: v })} />
            <CommitField
              value={a.whyNot}
              label={`why not alternative ${i + 1}`}
              testId={`decision-alternative-why-${n}-${i}`}
              readOnly={readOnly}
              multiline
              placeholder="Why not"
              onCommit={(v) => set(i, { whyNot: v })}
            />
            {!readOnly && (
              <button type="button" className="link-button" aria-label={`remove alternative ${i + 1}`} onClick={() => onChange((list) => list.filter((_, j) => j !== i))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <AddField
          label="new alternative"
          testId={`decision-alternative-new-${n}`}
          buttonTestId={`decision-alternative-add-${n}`}
          buttonText="Add"
          placeholder="Another option…"
          onAdd={(option) => onChange((list) => [...list, { option, whyNot: "" }])}
        />
      )}
    </div>
  );
}
