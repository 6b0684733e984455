import { type FormEvent, useMemo, useState } from "react";
import { CheckpointLabel, type HistoryEntry } from "@quadrant/protocol";
import type { BoardApi } from "../board/boardApi";
import { HistoryPreview } from "./HistoryPreview";
import { failureText, historyClient } from "./historyApi";
import { TRIGGER_NAMES, editorsText, whenText } from "./historyText";
import { useHistoryList } from "./useHistoryList";
import "./history.css";

/**
 * Board history (docs/history.md): every snapshot with its time, label, kind and who was
 * editing. Anyone may open one read-only beside the live board; the facilitator also names
 * checkpoints and restores a version in place.
 */
export function HistoryPanel({ api }: { api: BoardApi }) {
  const client = useMemo(() => historyClient(api.info.id, api.token), [api.info.id, api.token]);
  const { entries, error, refresh } = useHistoryList(client, api.control);
  const [opened, setOpened] = useState<HistoryEntry | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const facilitator = api.role === "facilitator";

  return (
    <div className="panel-stack history-panel" data-testid="history-panel">
      {facilitator && <CheckpointForm client={client} onMade={(entry) => { setStatus(`Checkpoint “${entry.label}” saved.`); void refresh(); }} />}
      {status && <p className="history-status" role="status" data-testid="history-status">{status}</p>}
      {error && <p role="alert" className="form-error" data-testid="history-error">{error}</p>}
      {entries === null && !error && <p className="muted">Loading history…</p>}
      {entries?.length === 0 && (
        <p className="muted" data-testid="history-empty">
          No snapshots yet. The board is saved here at each reveal, each agenda step and every few minutes of editing.
        </p>
      )}
      {entries && entries.length > 0 && (
        <ol className="history-list" data-testid="history-list">
          {entries.map((entry) => (
            <li key={entry.id} data-testid={`history-entry-${entry.id}`} data-trigger={entry.trigger} className={opened?.id === entry.id ? "open" : undefined}>
              <button type="button" className="history-entry" onClick={() => setOpened(entry)} aria-label={`Open ${entry.label}`} data-testid="history-open">
                <span className="history-when">{whenText(entry.createdAt, new Date())}</span>
                <span className="history-label" data-testid="history-entry-label" title={entry.label}>{entry.label}</span>
                <span className={`history-kind kind-${entry.trigger}`}>{TRIGGER_NAMES[entry.trigger]}</span>
                {entry.editors.length > 0 && <span className="history-who" title={entry.editors.join(", ")}>{editorsText(entry.editors)}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="link-button" onClick={() => void refresh()} data-testid="history-refresh">
        Refresh
      </button>
      {opened && (
        <HistoryPreview
          key={opened.id}
          client={client}
          entry={opened}
          canRestore={facilitator}
          onClose={() => setOpened(null)}
          onRestored={(text) => {
            setStatus(text);
            setOpened(null);
            void refresh();
          }}
        />
      )}
    </div>
  );
}

function CheckpointForm({ client, onMade }: { client: ReturnType<typeof historyClient>; onMade: (entry: HistoryEntry) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const label = CheckpointLabel.safeParse(name);
    if (!label.success) {
      setError(label.error.issues[0]?.message ?? "name the checkpoint");
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.checkpoint(label.data);
    setBusy(false);
    if (result.kind !== "ok") {
      setError(`The checkpoint was not saved: ${failureText(result)}`);
      return;
    }
    setName("");
    onMade(result.value);
  };
  return (
    <form className="panel-row history-checkpoint" onSubmit={(event) => void submit(event)}>
      <input
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="Checkpoint name, e.g. before lunch"
        aria-label="checkpoint name"
        maxLength={80}
        data-testid="history-checkpoint-name"
      />
      <button type="submit" className="primary" disabled={busy} data-testid="history-checkpoint-button">
        {busy ? "Saving…" : "Make checkpoint"}
      </button>
      {error && <p role="alert" className="form-error" data-testid="history-checkpoint-error">{error}</p>}
    </form>
  );
}
