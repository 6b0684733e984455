import { useEffect, useState } from "react";
import type { Command } from "@quadrant/facilitation";
import { scorecardTitle } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { carriedDimensions } from "../facilitation/carriedHealth";
import { type ScorecardRow, roundOn, scorecardRows } from "../facilitation/scorecardRows";
import { type HealthPatch, carryToSwot, saveHealth } from "../facilitation/scorecardWrites";
import { browserContext } from "./docWrites";
import { useBoardView } from "./useBoardView";
import { useFacilitationView } from "./useFacilitationView";

const RATINGS = [1, 2, 3, 4, 5] as const;

/** 1–5 as a row of toggle buttons; `label` names the dimension for screen readers. */
function RatingButtons(props: { value: number | null; label: string; testId: string; onPick: (n: number) => void }) {
  return (
    <div className="segmented" role="group" aria-label={props.label}>
      {RATINGS.map((n) => (
        <button key={n} type="button" aria-pressed={props.value === n} data-testid={`${props.testId}-${n}`} onClick={() => props.onPick(n)}>
          {n}
        </button>
      ))}
    </div>
  );
}

/** Evidence or impact: typed locally, saved on leaving the field, so a keystroke is not a document write. */
function HealthText(props: { value: string; label: string; testId: string; disabled: boolean; onCommit: (text: string) => void }) {
  const [draft, setDraft] = useState(props.value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(props.value);
  }, [props.value, editing]);
  if (props.disabled) return props.value ? <p data-testid={props.testId}>{props.value}</p> : null;
  return (
    <label className="panel-field">
      {props.label}
      <textarea
        rows={2}
        maxLength={20_000}
        value={draft}
        data-testid={props.testId}
        onFocus={() => setEditing(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          setEditing(false);
          if (draft !== props.value) props.onCommit(draft);
        }}
      />
    </label>
  );
}

interface RowProps {
  row: ScorecardRow;
  roundOpen: boolean;
  canEdit: boolean;
  isFacilitator: boolean;
  send: (command: Command) => void;
  save: (patch: HealthPatch) => void;
  carry: () => void;
}

function DimensionRow({ row, roundOpen, canEdit, isFacilitator, send, save, carry }: RowProps) {
  const { dimension, name, result } = row;
  return (
    <li className="panel-stack health-row" data-testid={`scorecard-row-${dimension}`} data-rating={row.rating ?? ""}>
      <div className="panel-row">
        <strong>{name}</strong>
        {canEdit ? (
          <RatingButtons value={row.rating} label={`${name} rating`} testId={`health-rating-${dimension}`} onPick={(n) => save({ rating: n })} />
        ) : (
          <span data-testid={`health-rating-${dimension}`}>{row.rating === null ? "not rated" : `${row.rating}/5`}</span>
        )}
        {row.carried ? (
          <span className="muted" data-testid={`on-swot-${dimension}`} title="Already in the SWOT's weaknesses">
            ✓ on SWOT
          </span>
        ) : (
          canEdit && row.canCarry && (
            <button type="button" className="link-button" data-testid={`carry-swot-${dimension}`} title="Add it to the SWOT's weaknesses" onClick={carry}>
              → SWOT weaknesses
            </button>
          )
        )}
      </div>
      {roundOpen && (
        <div className="panel-row">
          <span className="muted">Your rating (private until the reveal)</span>
          <RatingButtons value={row.mine} label={`Your rating of ${name}`} testId={`my-rating-${dimension}`} onPick={(n) => send({ type: "rating.submit", dimension, rating: n })} />
        </div>
      )}
      {result && (
        <div className="panel-row" data-testid={`rating-result-${dimension}`} data-mean={result.mean} data-spread={result.spread} data-discuss={result.discuss ? "true" : "false"}>
          <span>
            group: {result.mean} ± {result.spread} ({result.count} rated)
          </span>
          {result.discuss && <strong className="fac-discuss">discuss</strong>}
          {isFacilitator &&
            (result.accepted && row.rating === result.rounded ? (
              <span className="muted">accepted</span>
            ) : (
              <button type="button" className="small" data-testid={`accept-rating-${dimension}`} onClick={() => send({ type: "rating.accept", dimension })}>
                Accept mean ({result.rounded})
              </button>
            ))}
        </div>
      )}
      <HealthText value={row.evidence} label="Evidence" testId={`health-evidence-${dimension}`} disabled={!canEdit} onCommit={(evidence) => save({ evidence })} />
      <HealthText value={row.impact} label="Impact" testId={`health-impact-${dimension}`} disabled={!canEdit} onCommit={(impact) => save({ impact })} />
    </li>
  );
}

/**
 * Each technical health scorecard on the board: its six dimensions rated 1–5 with evidence and
 * impact (records; viewers read), the facilitator's rating round (everyone rates alone, then
 * mean ± spread and "discuss"), and carrying a weak dimension into the SWOT.
 */
export function ScorecardPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const control = useFacilitationView(api);
  if (view.scorecards.length === 0) return <p className="muted">No technical health scorecard on this board yet.</p>;
  const carried = carriedDimensions(api.doc);
  const isFacilitator = api.role === "facilitator";
  const send = (command: Command) => void api.control.send(command);
  // A weakness goes to the first SWOT, as the SWOT panel lists them.
  const swot = view.swots[0]?.instance;
  return (
    <div data-testid="scorecard-panel">
      {view.scorecards.map((card) => {
        const round = roundOn(card, control?.rating);
        const rows = scorecardRows(card, control?.rating, carried, swot !== undefined);
        return (
          <section key={card.instance.id} data-testid={`scorecard-${card.instance.id}`} aria-label={scorecardTitle(card.instance)}>
            {view.scorecards.length > 1 && <h3>{scorecardTitle(card.instance)}</h3>}
            {round && (
              <p className="panel-hint" data-testid="rating-round" data-status={round.status}>
                {round.status === "open" ? "Rating round open: rate each dimension on your own." : "Ratings revealed."}
              </p>
            )}
            <ul className="health-rows">
              {rows.map((row) => (
                <DimensionRow
                  key={row.dimension}
                  row={row}
                  roundOpen={round?.status === "open"}
                  canEdit={api.canEdit}
                  isFacilitator={isFacilitator}
                  send={send}
                  save={(patch) => saveHealth(api.doc, card, row.dimension, patch)}
                  carry={() => swot && carryToSwot(api.doc, (what) => api.write.addNotes(what), swot, card, row.dimension, browserContext())}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
