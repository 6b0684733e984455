import { useEffect, useState } from "react";
import type { ControlChannel } from "../facilitation/controlChannel";
import "./saveStatusBadge.css";

/**
 * Shown while the server reports that it could not store this board's latest
 * changes (storage outage): they live only in the server's memory and in open
 * tabs until a retry succeeds, so closing every tab now could lose them.
 */
export function SaveStatusBadge({ control }: { control: ControlChannel }) {
  const [unsaved, setUnsaved] = useState(control.unsavedChanges);
  useEffect(() => {
    setUnsaved(control.unsavedChanges);
    return control.onSaveStatus(setUnsaved);
  }, [control]);
  if (!unsaved) return null;
  const since = new Date(unsaved.since).toLocaleTimeString();
  return (
    <span className="save-status" role="alert" data-testid="save-status" title={`Changes since ${since} are not saved on the server yet`}>
      {unsaved.retrying
        ? "Not saved yet — the server is retrying; keep this tab open"
        : "Not saved — the server stopped retrying; keep this tab open and export a backup"}
    </span>
  );
}
