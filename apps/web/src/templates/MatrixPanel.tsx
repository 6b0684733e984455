import { useState } from "react";
import { elementsMap, updateNoteData } from "@quadrant/board-model";
import { type NoteView, QUARTERS, type ScoredNote, moveForScores } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { frameRect, moveNote } from "./docWrites";
import { ScoreInput } from "./ScoreInput";
import { useBoardView } from "./useBoardView";
import { useVotes } from "./useVotes";

type SortKey = "rank" | "text" | "impact" | "effort" | "urgency" | "risk" | "priority" | "votes";
const COLUMNS: ReadonlyArray<[SortKey, string]> = [
  ["rank", "#"],
  ["text", "Note"],
  ["impact", "I"],
  ["effort", "E"],
  ["urgency", "U"],
  ["risk", "R"],
  ["priority", "P"],
];

function sortRows(rows: ScoredNote[], key: SortKey, desc: boolean): ScoredNote[] {
  if (key === "rank") return desc ? [...rows].reverse() : rows;
  const sorted = [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (typeof x === "string" && typeof y === "string") return x < y ? -1 : x > y ? 1 : 0;
    return Number(x) - Number(y);
  });
  return desc ? sorted.reverse() : sorted;
}

/** The live impact/effort table: scores follow the notes; editing impact or effort moves them. */
export function MatrixPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc, useVotes(api));
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "rank", desc: false });
  const [mode, setMode] = useState<"table" | "roadmap">("table");
  const rankOf = new Map(view.ranked.map((n, i) => [n.id, i + 1]));
  const rows = sortRows(view.ranked, sort.key, sort.desc);
  const unplaced = view.notes.filter((n) => n.templateId === null && n.origin !== null);

  const setScore = (n: NoteView, which: "impact" | "effort", value: number) => {
    if (n.templateId === null || n.impact === null || n.effort === null) return;
    const instance = view.templates.find((t) => t.id === n.templateId);
    const frame = instance && frameRect(api.doc, instance.frameId);
    const element = elementsMap(api.doc).get(n.id);
    if (!frame || !element) return;
    const scores = { impact: n.impact, effort: n.effort, [which]: value };
    moveNote(api.doc, n.id, moveForScores({ width: Number(element["width"]), height: Number(element["height"]) }, frame, scores));
  };

  return (
    <div className="matrix-panel" data-testid="matrix-panel">
      <div role="tablist" style={{ display: "flex", gap: 8, marginBottom: 8 }}>
        <button type="button" aria-pressed={mode === "table"} onClick={() => setMode("table")}>
          Scores
        </button>
        <button type="button" aria-pressed={mode === "roadmap"} onClick={() => setMode("roadmap")} data-testid="roadmap-tab">
          Roadmap
        </button>
      </div>
      {view.ranked.length === 0 && <p className="muted">Put notes on the matrix to score them.</p>}
      {mode === "table" && view.ranked.length > 0 && (
        <table className="matrix-table" style={{ width: "100%", fontSize: "0.8rem", borderCollapse: "collapse" }}>
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} style={{ textAlign: "left", cursor: "pointer" }}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== "rank" && key !== "text" }))}
                    title={`Sort by ${label}`}
                  >
                    {label}
                    {sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id} data-testid={`matrix-row-${n.id}`} data-quadrant={n.zoneName ?? ""} data-priority={n.priority}>
                <td>{rankOf.get(n.id)}</td>
                <td>
                  <div>{n.text || <em>(empty)</em>}</div>
                  <div className="muted" style={{ fontSize: "0.7rem" }}>
                    <span data-testid={`quadrant-${n.id}`}>{n.zoneName}</span>
                    {n.votes > 0 && ` · ${n.votes} votes`}
                    {n.origin && ` · from ${n.origin.label}`}
                  </div>
                </td>
                <td>
                  <ScoreInput value={n.impact} label="impact" testId={`impact-${n.id}`} disabled={!api.canEdit} onCommit={(v) => setScore(n, "impact", v)} />
                </td>
                <td>
                  <ScoreInput value={n.effort} label="effort" testId={`effort-${n.id}`} disabled={!api.canEdit} onCommit={(v) => setScore(n, "effort", v)} />
                </td>
                <td>
                  <ScoreInput value={n.urgency} label="urgency" testId={`urgency-${n.id}`} disabled={!api.canEdit} onCommit={(v) => updateNoteData(api.doc, n.id, { urgency: v })} />
                </td>
                <td>
                  <ScoreInput value={n.risk} label="risk" testId={`risk-${n.id}`} disabled={!api.canEdit} onCommit={(v) => updateNoteData(api.doc, n.id, { risk: v })} />
                </td>
                <td data-testid={`priority-${n.id}`}>{n.priority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mode === "roadmap" && (
        <div data-testid="roadmap">
          {QUARTERS.map((q) => (
            <div key={q}>
              <h3 style={{ fontSize: "0.85rem", margin: "0.5rem 0 0.25rem" }}>{q}</h3>
              <ol start={view.ranked.indexOf(view.roadmap[q][0] as ScoredNote) + 1} style={{ margin: 0 }}>
                {view.roadmap[q].map((n) => (
                  <li key={n.id}>
                    {n.text} <span className="muted">({n.priority})</span>
                  </li>
                ))}
                {view.roadmap[q].length === 0 && <li className="muted">nothing</li>}
              </ol>
            </div>
          ))}
        </div>
      )}
      {unplaced.length > 0 && (
        <p className="muted" style={{ fontSize: "0.75rem" }}>
          Waiting to be placed: {unplaced.map((n) => `${n.text} (from ${n.origin?.label})`).join("; ")}
        </p>
      )}
      <p className="muted" style={{ fontSize: "0.7rem" }}>
        priority = 2·impact + urgency − 0.5·effort − risk
      </p>
    </div>
  );
}
