import type { DecisionEvidence } from "@quadrant/board-model";

const EVIDENCE_TITLE: Record<DecisionEvidence["kind"], string> = {
  vote: "Dot-vote totals (revealed)",
  scoring: "Independent scores (mean ± spread)",
  notes: "Made from notes",
};

/** What the group saw when it decided, as copied into the record (read-only). */
export function EvidenceList({ evidence, testId }: { evidence: DecisionEvidence; testId: string }) {
  return (
    <div data-testid={testId}>
      <div className="panel-field">{EVIDENCE_TITLE[evidence.kind]}</div>
      <ul className="evidence">
        {evidence.kind === "vote" &&
          evidence.items.map((i) => (
            <li key={i.noteId}>
              {i.label} — {i.votes} {i.votes === 1 ? "vote" : "votes"}
            </li>
          ))}
        {evidence.kind === "scoring" &&
          evidence.items.map((i) => (
            <li key={i.noteId}>
              {i.label} — impact {i.meanImpact} ± {i.spreadImpact}, effort {i.meanEffort} ± {i.spreadEffort}
              {i.discuss && <strong> · discuss</strong>}
            </li>
          ))}
        {evidence.kind === "notes" && evidence.items.map((i) => <li key={i.noteId}>{i.label}</li>)}
        {evidence.items.length === 0 && <li className="muted">none</li>}
      </ul>
    </div>
  );
}
