import { useState } from "react";
import type { HealthDimension } from "@quadrant/board-model";
import { type FacilitationView, type GroupRoundResult, MEASURE_TITLE, ROUND_KIND_TITLE, otherExplained } from "@quadrant/facilitation";
import { HEALTH_DIMENSION_NAMES } from "@quadrant/templates";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { noteLabel } from "../facilitation/sceneHelpers";
import { measureScale } from "./groupTable";

interface Props {
  view: FacilitationView;
  /** The rounds to choose from (newest last) and the one shown first. */
  results: readonly GroupRoundResult[];
  initial: GroupRoundResult;
  scene: ExcalidrawScene | null;
  onClose: () => void;
}

/** The room's own result for an item (all who took part), beside the groups: mean ± spread and the discuss flag. */
function roomOf(view: FacilitationView, result: GroupRoundResult, id: string): { text: string; discuss: boolean } | null {
  if (result.kind === "scoring" && view.scoring?.id === result.roundId) {
    const r = view.scoring.results?.find((x) => x.noteId === id);
    return r ? { text: `I ${r.meanImpact} ±${r.spreadImpact} · E ${r.meanEffort} ±${r.spreadEffort} · ${r.count} people`, discuss: r.discuss } : null;
  }
  if (result.kind === "vote" && view.vote?.id === result.roundId) {
    const r = view.vote.results?.find((x) => x.noteId === id);
    return r ? { text: `${r.votes} dots`, discuss: false } : null;
  }
  if (result.kind === "rating" && view.rating?.id === result.roundId) {
    const r = view.rating.results?.find((x) => x.dimension === id);
    return r ? { text: `${r.mean} ±${r.spread} · ${r.count} people`, discuss: r.discuss } : null;
  }
  return null;
}

function itemLabel(result: GroupRoundResult, id: string, scene: ExcalidrawScene | null): string {
  return result.kind === "rating" ? (HEALTH_DIMENSION_NAMES[id as HealthDimension] ?? id) : noteLabel(scene, id);
}

/**
 * "By group": each item's mean and spread per group after a reveal, the items the groups disagree
 * on first and highlighted, "Other" explained, the floor shown. Only what the server sent: it never
 * sends a group smaller than the floor, so nothing here can show one person's value.
 */
export function GroupComparison({ view, results, initial, scene, onClose }: Props) {
  const [shownId, setShownId] = useState(initial.roundId);
  const result = results.find((r) => r.roundId === shownId) ?? initial;
  const measures = result.measures.map((m, i) => ({ title: MEASURE_TITLE[m], scale: measureScale(result, i) }));
  const disagreements = result.items.filter((i) => i.disagree).length;
  const hasOther = result.units.some((u) => u.key === "other");
  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className="dialog grp-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="grp-title"
        data-testid="group-comparison"
        data-kind={result.kind}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="dialog-head">
          <h2 id="grp-title">By group · {ROUND_KIND_TITLE[result.kind]}</h2>
          <button type="button" className="button small" onClick={onClose} data-testid="group-comparison-close">
            Close
          </button>
        </header>
        {results.length > 1 && (
          <div className="grp-tabs" role="tablist" aria-label="Round">
            {[...results].reverse().map((r) => (
              <button
                key={r.roundId}
                type="button"
                role="tab"
                aria-selected={r.roundId === result.roundId}
                className="small"
                data-testid={`group-tab-${r.kind}-${r.roundId}`}
                onClick={() => setShownId(r.roundId)}
              >
                {ROUND_KIND_TITLE[r.kind]}
              </button>
            ))}
          </div>
        )}
        <p className="grp-summary">
          <span className="grp-floor" data-testid="group-comparison-floor">
            Anonymity floor {result.floor}
          </span>
          <span data-testid="group-disagreement-count">
            {disagreements === 0
              ? `No item splits the groups by more than ${result.threshold}`
              : `${disagreements} ${disagreements === 1 ? "item splits" : "items split"} the groups by more than ${result.threshold}`}
          </span>
        </p>
        <p className="grp-took-part" data-testid="group-participation">
          Took part: {result.participation.map((p) => `${p.name} ${p.count}`).join(" · ")}
        </p>
        {hasOther && (
          <p className="grp-other-note" data-testid="group-other-note">
            {otherExplained(result)}
          </p>
        )}
        {result.units.length === 0 ? (
          <p className="fac-note" data-testid="group-none">
            No group reached the floor of {result.floor}: the results are only in the room totals.
          </p>
        ) : (
          <table className="grp-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                {result.units.map((u) => (
                  <th scope="col" key={u.key} className={u.key === "other" ? "grp-other" : undefined} data-testid={`group-col-${u.key}`}>
                    {u.name}
                  </th>
                ))}
                <th scope="col">Gap</th>
                <th scope="col">Whole room</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => {
                const room = roomOf(view, result, item.id);
                return (
                  <tr key={item.id} data-testid="group-item" data-item={item.id} data-disagree={item.disagree ? "true" : "false"} className={item.disagree ? "grp-disagree" : undefined}>
                    <th scope="row">
                      {itemLabel(result, item.id, scene)}
                      {item.disagree && <strong className="grp-badge">groups disagree</strong>}
                    </th>
                    {result.units.map((u) => {
                      const cell = item.cells.find((c) => c.key === u.key);
                      return (
                        <td key={u.key} data-testid={`group-cell-${u.key}`} data-unit={u.key}>
                          {cell ? (
                            <>
                              {measures.map((m, i) => (
                                <div className="grp-measure" key={m.title} title={`${m.title}: mean ${cell.means[i]}, spread ±${cell.spreads[i]}`}>
                                  {measures.length > 1 && <span className="grp-measure-name">{m.title[0]}</span>}
                                  <span className="grp-bar" aria-hidden>
                                    <span style={{ width: `${Math.min(100, ((cell.means[i] ?? 0) / m.scale) * 100)}%` }} />
                                  </span>
                                  <span className="grp-value">
                                    {cell.means[i]} <small>±{cell.spreads[i]}</small>
                                  </span>
                                </div>
                              ))}
                              <div className="grp-n">{cell.count} people</div>
                            </>
                          ) : (
                            <span className="grp-empty" title="Fewer people than the floor: counted in Other or in the room totals">
                              —
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td className="grp-gap" data-testid="group-gap">
                      {item.gap ?? "—"}
                    </td>
                    <td className="grp-room">
                      {room ? room.text : "—"}
                      {room?.discuss && <strong className="fac-discuss"> discuss</strong>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {measures.length > 1 && <p className="grp-legend">I = impact, E = effort (1–10); ± is the spread (standard deviation) within the group.</p>}
      </div>
    </div>
  );
}
