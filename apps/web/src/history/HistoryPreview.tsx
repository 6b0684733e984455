import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { HistoryDetail, HistoryEntry } from "@quadrant/protocol";
import { type HistoryClient, failureText } from "./historyApi";
import { TRIGGER_NAMES, diffText, editorsText, whenText } from "./historyText";
import { snapshotSvg } from "./snapshotSvg";

interface Props {
  client: HistoryClient;
  entry: HistoryEntry;
  canRestore: boolean;
  onClose(): void;
  onRestored(status: string): void;
}

type Phase = { kind: "idle" } | { kind: "confirm" } | { kind: "restoring" } | { kind: "failed"; message: string };

/**
 * One snapshot, read-only, in a drawer over the left of the canvas so the live board stays in
 * view beside it: a static drawing of that state, how the live board differs, and (facilitator)
 * "Restore this version" behind a confirmation.
 */
export function HistoryPreview({ client, entry, canRestore, onClose, onRestored }: Props) {
  const [detail, setDetail] = useState<HistoryDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const drawing = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void client.detail(entry.id).then((result) => {
      if (!live) return;
      if (result.kind === "ok") setDetail(result.value);
      else setLoadError(`This version could not be opened: ${failureText(result)}`);
    });
    return () => {
      live = false;
    };
  }, [client, entry.id]);

  useEffect(() => {
    const target = drawing.current;
    if (!detail || !target) return undefined;
    let live = true;
    snapshotSvg(detail.elements, detail.files)
      .then((svg) => {
        if (!live) return;
        svg.setAttribute("data-testid", "history-preview-svg");
        svg.removeAttribute("width");
        svg.removeAttribute("height");
        target.replaceChildren(svg);
      })
      .catch(() => live && setLoadError("This version could not be drawn."));
    return () => {
      live = false;
    };
  }, [detail]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && phase.kind !== "restoring" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, phase.kind]);

  const restore = async () => {
    setPhase({ kind: "restoring" });
    const result = await client.restore(entry.id);
    if (result.kind !== "ok") {
      setPhase({ kind: "failed", message: `The board was not restored: ${failureText(result)}` });
      return;
    }
    onRestored(`Restored “${result.value.restored.label}” for everyone. The board as it was is kept as “${result.value.saved.label}”.`);
  };

  return createPortal(
    <aside className="history-preview" role="dialog" aria-label={`Version: ${entry.label}`} data-testid="history-preview" data-entry={entry.id}>
      <header className="history-preview-head">
        <div>
          <h2>{entry.label}</h2>
          <p className="muted">
            {TRIGGER_NAMES[entry.trigger]} · {whenText(entry.createdAt, new Date())} · {entry.elementCount} elements
            {entry.editors.length > 0 && ` · ${editorsText(entry.editors)}`}
          </p>
        </div>
        <button type="button" className="link-button" onClick={onClose} aria-label="close preview" data-testid="history-preview-close">
          ✕
        </button>
      </header>
      <p className="history-readonly muted">Read-only: this is how the board looked. The live board is beside it.</p>
      {detail && (
        <p className="history-diff" data-testid="history-diff" data-added={detail.diff.added} data-moved={detail.diff.moved} data-removed={detail.diff.removed} data-changed={detail.diff.changed}>
          {diffText(detail.diff)}
        </p>
      )}
      <div className="history-drawing" ref={drawing} aria-busy={!detail}>
        {!detail && !loadError && <p className="muted">Opening this version…</p>}
      </div>
      {loadError && <p role="alert" className="form-error" data-testid="history-preview-error">{loadError}</p>}
      {canRestore && detail && (
        <footer className="history-preview-foot">
          {phase.kind === "confirm" || phase.kind === "restoring" ? (
            <div className="history-confirm" role="alertdialog" aria-label="confirm restore" data-testid="history-confirm">
              <p>Replace the live board for everyone with this version? The board as it is now is saved in history first. Votes, timer and agenda are not changed.</p>
              <div className="panel-row">
                <button type="button" className="primary" onClick={() => void restore()} disabled={phase.kind === "restoring"} data-testid="history-restore-confirm">
                  {phase.kind === "restoring" ? "Restoring…" : "Restore for everyone"}
                </button>
                <button type="button" onClick={() => setPhase({ kind: "idle" })} disabled={phase.kind === "restoring"} data-testid="history-restore-cancel">
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="button" className="primary" onClick={() => setPhase({ kind: "confirm" })} data-testid="history-restore">
              Restore this version
            </button>
          )}
          {phase.kind === "failed" && <p role="alert" className="form-error" data-testid="history-restore-error">{phase.message}</p>}
        </footer>
      )}
    </aside>,
    document.body,
  );
}
