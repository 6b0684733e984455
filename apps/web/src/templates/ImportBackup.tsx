import { useState } from "react";
import { BoardCreated, ErrorBody } from "@quadrant/protocol";
import { boardLink } from "../app/links";

/** Restores a JSON backup into a NEW board (the server validates it) and offers its links. */
export function ImportBackup() {
  const [result, setResult] = useState<{ ok: true; board: BoardCreated } | { ok: false; message: string } | null>(null);
  const onFile = async (file: File) => {
    setResult(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setResult({ ok: false, message: "That file is not JSON." });
      return;
    }
    const r = await fetch("/api/boards/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await r.json().catch(() => null);
    const created = BoardCreated.safeParse(json);
    if (r.status === 201 && created.success) {
      setResult({ ok: true, board: created.data });
      return;
    }
    const error = ErrorBody.safeParse(json);
    setResult({ ok: false, message: error.success ? error.data.error.message : `Import failed (${r.status})` });
  };
  return (
    <div className="import-backup">
      <label className="panel-field">
        Restore a backup as a new board
        <input type="file" accept="application/json,.json" data-testid="import-backup" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      </label>
      {result?.ok === true && (
        <p className="panel-hint">
          Restored as{" "}
          <a href={boardLink(window.location.origin, result.board.id, result.board.tokens.facilitator)} target="_blank" rel="noreferrer" data-testid="imported-link">
            {result.board.title}
          </a>{" "}
          (facilitator link: keep it safe)
        </p>
      )}
      {result?.ok === false && <p role="alert" className="form-error">{result.message}</p>}
    </div>
  );
}
