import { useState } from "react";
import { PAIRING_KINDS, type PairingKind, deleteRecord, writeRecord } from "@quadrant/board-model";
import { PAIRING_SOURCES, type SwotView } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { carriedItems, carryNotes } from "./carry";
import { randomId } from "./docWrites";
import { useBoardView } from "./useBoardView";

function PairingEditor({ api, swot }: { api: BoardApi; swot: SwotView }) {
  const [kind, setKind] = useState<PairingKind>("SO");
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const candidates = PAIRING_SOURCES[kind].zones.flatMap((z) => swot.items[z] ?? []);
  const add = () => {
    if (text.trim() === "") return;
    writeRecord(api.doc, {
      kind: "pairing",
      id: randomId(),
      templateId: swot.instance.id,
      pairing: kind,
      text: text.trim(),
      itemIds: candidates.filter((c) => picked.has(c.id)).map((c) => c.id),
    });
    setText("");
    setPicked(new Set());
  };
  return (
    <div className="pairing-editor panel-stack">
      <select aria-label="pairing" value={kind} onChange={(e) => setKind(e.target.value as PairingKind)}>
        {PAIRING_KINDS.map((k) => (
          <option key={k} value={k}>
            {PAIRING_SOURCES[k].label}
          </option>
        ))}
      </select>
      <div className="pairing-candidates">
        {candidates.map((c) => (
          <label key={c.id} className="check-row">
            <input
              type="checkbox"
              checked={picked.has(c.id)}
              onChange={(e) => {
                const next = new Set(picked);
                if (e.target.checked) next.add(c.id);
                else next.delete(c.id);
                setPicked(next);
              }}
            />{" "}
            {c.text}
          </label>
        ))}
      </div>
      <input
        aria-label="strategy"
        placeholder="Strategy…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && add()}
      />
      <div className="panel-row">
        <button type="button" onClick={add} disabled={text.trim() === ""}>
          Add strategy
        </button>
      </div>
    </div>
  );
}

/** SWOT items per area, their S×O/W×O/S×T/W×T strategies, and "send to matrix". */
export function SwotPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const textOf = new Map(view.notes.map((n) => [n.id, n.text]));
  const hasMatrix = view.templates.some((t) => t.kind === "impact-effort");
  const carried = carriedItems(api.doc, view.notes);
  if (view.swots.length === 0) return <p className="muted">No SWOT on this board yet.</p>;
  return (
    <div data-testid="swot-panel">
      {view.swots.map((swot) => (
        <div key={swot.instance.id}>
          {swot.instance.zones.map((zone) => (
            <div key={zone.id} data-testid={`swot-zone-${zone.id}`}>
              <h3>{zone.name}</h3>
              <ul>
                {(swot.items[zone.id] ?? []).map((n) => (
                  <li key={n.id} data-testid={`swot-item-${n.id}`}>
                    {n.text}{" "}
                    {carried.has(n.id) ? (
                      <span className="muted" data-testid="carried" title="Already on the impact/effort matrix">
                        ✓ on matrix
                      </span>
                    ) : api.canEdit && hasMatrix && (
                      <button type="button" className="link-button" title="Send to the impact/effort matrix" onClick={() => carryNotes(api, view, [n])}>
                        → matrix
                      </button>
                    )}
                  </li>
                ))}
                {(swot.items[zone.id] ?? []).length === 0 && <li className="muted">none</li>}
              </ul>
            </div>
          ))}
          <h3>Strategies</h3>
          <ul className="pairings" data-testid="pairings">
            {swot.pairings.map((p) => (
              <li key={p.id}>
                <strong>{PAIRING_SOURCES[p.pairing].label}</strong> {p.text}
                {p.itemIds.length > 0 && (
                  <span className="muted"> (from {p.itemIds.map((id) => textOf.get(id) ?? "deleted").join("; ")})</span>
                )}
                {api.canEdit && (
                  <button type="button" className="link-button" aria-label="delete strategy" onClick={() => deleteRecord(api.doc, p.id)}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {api.canEdit && <PairingEditor api={api} swot={swot} />}
        </div>
      ))}
    </div>
  );
}
