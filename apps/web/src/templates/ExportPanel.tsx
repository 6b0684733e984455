import { useState } from "react";
import { canEdit } from "@quadrant/protocol";
import type { BoardApi } from "../board/boardApi";
import { download, safeFileName } from "./download";
import { exportImage } from "./imageExport";
import { ImportBackup } from "./ImportBackup";
import { useBoardView } from "./useBoardView";

type ServerFormat = "md" | "csv" | "json";

/** Brief, CSV and backup come from the server (same bytes a script gets); images from the canvas. */
export function ExportPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const [frameId, setFrameId] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const name = safeFileName(api.info.title);

  const fromServer = async (format: ServerFormat) => {
    setError(null);
    const r = await fetch(`/api/boards/${api.info.id}/export?format=${format}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    if (!r.ok) {
      setError(`Export failed (${r.status})`);
      return;
    }
    download(await r.blob(), `${name}.${format}`);
  };
  const image = async (format: "png" | "svg") => {
    if (!api.scene) return;
    setError(null);
    try {
      download(await exportImage(api.scene, format, frameId || null), `${name}.${format}`);
    } catch {
      setError("Image export failed");
    }
  };

  return (
    <div data-testid="export-panel" className="panel-stack">
      {canEdit(api.role) && (
        <div className="panel-row">
          <button type="button" onClick={() => void fromServer("md")}>
            Strategy brief (.md)
          </button>
          <button type="button" onClick={() => void fromServer("csv")}>
            Scores (.csv)
          </button>
          <button type="button" onClick={() => void fromServer("json")}>
            Backup (.json)
          </button>
        </div>
      )}
      <div className="panel-row">
        <select aria-label="image area" value={frameId} onChange={(e) => setFrameId(e.target.value)}>
          <option value="">Whole board</option>
          {view.templates.map((t) => (
            <option key={t.id} value={t.frameId}>
              {t.title}
            </option>
          ))}
          {view.themes.map(({ theme }) => (
            <option key={theme.id} value={theme.frameId}>
              Theme: {theme.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void image("png")}>
          PNG
        </button>
        <button type="button" onClick={() => void image("svg")}>
          SVG
        </button>
      </div>
      {error && <p role="alert" className="form-error">{error}</p>}
      {canEdit(api.role) && <ImportBackup />}
    </div>
  );
}
