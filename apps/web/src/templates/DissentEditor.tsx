import type { DecisionRecord, Dissent } from "@quadrant/board-model";
import { CommitField } from "./CommitField";

interface Props {
  decision: DecisionRecord;
  readOnly: boolean;
  /** Display names offered for "who". */
  names: readonly string[];
  listId: string;
  onChange: (change: (dissent: Dissent | undefined) => Dissent | undefined) => void;
}

type Kind = "none" | Dissent["kind"];

/**
 * Who disagreed: named entries (who and why), or only how many when the vote was secret.
 * Quadrant's dot votes are always secret (only totals are revealed), so a decision made
 * from a vote says so next to the choice.
 */
export function DissentEditor({ decision, readOnly, names, listId, onChange }: Props) {
  const n = decision.number;
  const dissent = decision.dissent;
  const kind: Kind = dissent?.kind ?? "none";
  const setKind = (next: Kind) =>
    onChange(() => (next === "none" ? undefined : next === "named" ? { kind: "named", entries: [] } : { kind: "anonymous", count: 1, note: "" }));
  const named = (change: (entries: Extract<Dissent, { kind: "named" }>["entries"]) => Extract<Dissent, { kind: "named" }>["entries"]) =>
    onChange((d) => ({ kind: "named", entries: change(d?.kind === "named" ? d.entries : []) }));
  const anonymous = (patch: Partial<Omit<Extract<Dissent, { kind: "anonymous" }>, "kind">>) =>
    onChange((d) => ({ kind: "anonymous", count: 1, note: "", ...(d?.kind === "anonymous" ? d : {}), ...patch }));
  if (readOnly && !dissent) return null;
  return (
    <div className="panel-stack" data-testid={`decision-dissent-${n}`}>
      <label className="panel-field">
        Dissent
        <select aria-label="dissent" data-testid={`decision-dissent-kind-${n}`} value={kind} disabled={readOnly} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="none">None recorded</option>
          <option value="named">By name</option>
          <option value="anonymous">Anonymous (secret vote): a count</option>
        </select>
      </label>
      {!readOnly && decision.evidence?.kind === "vote" && kind !== "anonymous" && (
        <p className="panel-hint" data-testid={`decision-dissent-secret-${n}`}>
          The vote was secret: record how many disagreed, not who, unless people speak up by name.
        </p>
      )}
      {dissent?.kind === "named" && (
        <ul className="sub-list">
          {dissent.entries.map((entry, i) => (
            <li key={i} className="panel-stack">
              <CommitField value={entry.who} label={`who disagreed (${i + 1})`} testId={`decision-dissent-who-${n}-${i}`} readOnly={readOnly} list={listId} maxLength={500} onCommit={(who) => named((list) => list.map((x, j) => (j === i ? { ...x, who } : x)))} />
              <CommitField value={entry.why} label={`why (${i + 1})`} testId={`decision-dissent-why-${n}-${i}`} readOnly={readOnly} multiline placeholder="Why" onCommit={(why) => named((list) => list.map((x, j) => (j === i ? { ...x, why } : x)))} />
              {!readOnly && (
                <button type="button" className="link-button" aria-label={`remove dissent ${i + 1}`} onClick={() => named((list) => list.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </li>
          ))}
          {!readOnly && (
            <li className="plain">
              <button type="button" data-testid={`decision-dissent-add-${n}`} onClick={() => named((list) => [...list, { who: "", why: "" }])}>
                Add a dissent
              </button>
            </li>
          )}
        </ul>
      )}
      {dissent?.kind === "anonymous" && (
        <div className="panel-stack">
          <label className="panel-field">
            How many disagreed
            <input
              type="number"
              min={0}
              step={1}
              aria-label="how many disagreed"
              data-testid={`decision-dissent-count-${n}`}
              disabled={readOnly}
              value={dissent.count}
              onChange={(e) => {
                const count = Math.floor(Number(e.target.value));
                if (e.target.value !== "" && Number.isFinite(count) && count >= 0) anonymous({ count });
              }}
            />
          </label>
          <CommitField value={dissent.note} label="what the dissent was about" testId={`decision-dissent-note-${n}`} readOnly={readOnly} multiline placeholder="What the concern was" onCommit={(note) => anonymous({ note })} />
        </div>
      )}
    </div>
  );
}
