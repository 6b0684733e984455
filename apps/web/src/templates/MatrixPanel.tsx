import { Fragment, useState } from "react";
import { elementsMap, updateNoteData } from "@quadrant/board-model";
import { type NoteView, QUARTERS, type ScoredNote, moveForScores } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { frameRect, moveNote } from "./docWrites";
import { DropControl } from "./DropControl";
import { NotDoingList } from "./NotDoingList";
import { OwnerDueFields } from "./OwnerDueFields";
import { ScoreInput } from "./ScoreInput";
import { useBoardView } from "./useBoardView";
import { useParticipantNames } from "./useParticipantNames";
import { useVotes } from "./useVotes";

type SortKey = "rank" | "text" | "impact" | "effort" | "urgency" | "risk" | "priority" | "votes";
/** Short headers keep the numeric columns narrow; the title and the legend spell them out. */
const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; name: string; numeric: boolean }> = [
  { key: "rank", label: "#", name: "rank", numeric: true },
  { key: "text", label: "Note", name: "note", numeric: false },
  { key: "impact", label: "I", name: "impact", numeric: true },
  { key: "effort", label: "E", name: "effort", numeric: true },
  { key: "urgency", label: "U", name: "urgency", numeric: true },
  { key: "risk", label: "R", name: "risk", numeric: true },
  { key: "priority", label: "P", name: "priority", numeric: true },
];
const COLUMN_CLASS: Partial<Record<SortKey, string>> = { rank: "col-rank", impact: "col-score", effort: "col-score", urgency: "col-score", risk: "col-score", priority: "col-priority" };

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
  const names = useParticipantNames(api);
  const now = Date.now();

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
      <div className="segmented" role="group" aria-label="matrix view">
        <button type="button" aria-pressed={mode === "table"} onClick={() => setMode("table")}>
          Scores
        </button>
        <button type="button" aria-pressed={mode === "roadmap"} onClick={() => setMode("roadmap")} data-testid="roadmap-tab">
          Roadmap
        </button>
      </div>
      {view.ranked.length === 0 && <p className="muted">Put notes on the matrix to score them.</p>}
      {mode === "table" && view.ranked.length > 0 && (
        <div className="table-scroll">
          <table className="matrix-table">
            <colgroup>
              {COLUMNS.map((c) => (
                <col key={c.key} className={COLUMN_CLASS[c.key]} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? "num" : undefined}
                    aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}
                  >
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== "rank" && c.key !== "text" }))}
                      title={`Sort by ${c.name}`}
                    >
                      {c.label}
                      {sort.key === c.key ? (sort.desc ? "↓" : "↑") : ""}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <Fragment key={n.id}>
                  <tr data-testid={`matrix-row-${n.id}`} data-quadrant={n.zoneName ?? ""} data-priority={n.priority} data-dropped={n.dropped !== null} className={n.dropped ? "dropped" : undefined}>
                    <td className="num rank">{rankOf.get(n.id)}</td>
                    <td>
                      <div className="note-text">{n.text || <em>(empty)</em>}</div>
                      <div className="note-meta">
                        <span data-testid={`quadrant-${n.id}`}>{n.zoneName}</span>
                        {n.votes > 0 && ` · ${n.votes} votes`}
                        {n.origin && ` · from ${n.origin.label}`}
                      </div>
                    </td>
                    <td className="num">
                      <ScoreInput value={n.impact} label="impact" testId={`impact-${n.id}`} disabled={!api.canEdit} onCommit={(v) => setScore(n, "impact", v)} />
                    </td>
                    <td className="num">
                      <ScoreInput value={n.effort} label="effort" testId={`effort-${n.id}`} disabled={!api.canEdit} onCommit={(v) => setScore(n, "effort", v)} />
                    </td>
                    <td className="num">
                      <ScoreInput value={n.urgency} label="urgency" testId={`urgency-${n.id}`} disabled={!api.canEdit} onCommit={(v) => updateNoteData(api.doc, n.id, { urgency: v })} />
                    </td>
                    <td className="num">
                      <ScoreInput value={n.risk} label="risk" testId={`risk-${n.id}`} disabled={!api.canEdit} onCommit={(v) => updateNoteData(api.doc, n.id, { risk: v })} />
                    </td>
                    <td className="num priority" data-testid={`priority-${n.id}`}>
                      {n.priority}
                    </td>
                  </tr>
                  {/* Who carries it and by when, or that the group dropped it: a row of its own under the scores. */}
                  <tr className={n.dropped ? "plan-row dropped" : "plan-row"}>
                    <td />
                    <td colSpan={COLUMNS.length - 1}>
                      <div className="panel-row">
                        {!n.dropped && (
                          <OwnerDueFields
                            owner={n.owner ?? ""}
                            due={n.due ?? ""}
                            testId={`plan-${n.id}`}
                            subject={n.text}
                            readOnly={!api.canEdit}
                            names={names}
                            now={now}
                            onOwner={(owner) => updateNoteData(api.doc, n.id, { owner: owner || undefined })}
                            onDue={(due) => updateNoteData(api.doc, n.id, { due: due || undefined })}
                          />
                        )}
                        <DropControl api={api} note={n} />
                      </div>
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mode === "roadmap" && (
        <div className="roadmap" data-testid="roadmap">
          {QUARTERS.map((q) => (
            <div key={q}>
              <h3>{q}</h3>
              <ol start={view.ranked.indexOf(view.roadmap[q][0] as ScoredNote) + 1}>
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
      <NotDoingList view={view} />
      {unplaced.length > 0 && (
        <p className="panel-hint">Waiting to be placed: {unplaced.map((n) => `${n.text} (from ${n.origin?.label})`).join("; ")}</p>
      )}
      <p className="panel-hint matrix-legend">
        <span>I impact · E effort · U urgency · R risk (1–10)</span>
        <span>P priority = 2·I + U − 0.5·E − R</span>
      </p>
    </div>
  );
}
