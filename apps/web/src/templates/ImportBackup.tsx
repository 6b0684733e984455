import { useState } from "react";
import { BoardImported, CREATE_KEY_HEADER, ErrorBody } from "@quadrant/protocol";
import { isCreateKeyError, rememberCreateKey, rememberedCreateKey } from "../app/createKey";
import { boardLink } from "../app/links";
import { rememberBoard } from "../app/localStore";

type ImportResult =
  | { ok: true; board: BoardImported }
  | { ok: false; message: string; needsKey: boolean };

/** How many of the items the server left out are named; the rest are counted. */
const DROPPED_SHOWN = 5;

/**
 * Restores a JSON backup into a NEW board. The server validates and sanitises it
 * (unsafe links, non-image files, absurd elements are left out and listed) and,
 * when the operator set BOARD_CREATE_KEY, wants the key like board creation does.
 */
export function ImportBackup() {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [pending, setPending] = useState<unknown>(null);
  const [createKey, setCreateKey] = useState(rememberedCreateKey);

  const upload = async (body: unknown, key: string) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key) headers[CREATE_KEY_HEADER] = key;
    const r = await fetch("/api/boards/import", { method: "POST", headers, body: JSON.stringify(body) });
    const json: unknown = await r.json().catch(() => null);
    const imported = BoardImported.safeParse(json);
    if (r.status === 201 && imported.success) {
      if (key) rememberCreateKey(key);
      const board = imported.data;
      rememberBoard({ id: board.id, title: board.title, template: board.template, role: "facilitator", token: board.tokens.facilitator, tokens: board.tokens, openedAt: Date.now() });
      setPending(null);
      setResult({ ok: true, board });
      return;
    }
    const error = ErrorBody.safeParse(json);
    const needsKey = error.success && isCreateKeyError(error.data.error.code);
    setPending(needsKey ? body : null);
    setResult({
      ok: false,
      needsKey,
      message: needsKey
        ? "This server needs its board creation key to restore a backup. Ask whoever runs it."
        : error.success ? error.data.error.message : `Import failed (${r.status})`,
    });
  };

  const onFile = async (file: File) => {
    setResult(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setResult({ ok: false, needsKey: false, message: "That file is not JSON: choose a backup saved with “Backup (.json)”." });
      return;
    }
    await upload(body, createKey.trim());
  };

  return (
    <div className="import-backup">
      <label className="panel-field">
        Restore a backup as a new board
        <input type="file" accept="application/json,.json" data-testid="import-backup" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      </label>
      {result?.ok === false && result.needsKey && (
        <form
          className="import-key"
          onSubmit={(e) => {
            e.preventDefault();
            void upload(pending, createKey.trim());
          }}
        >
          <input type="password" autoComplete="off" placeholder="Creation key" value={createKey} onChange={(e) => setCreateKey(e.target.value)} aria-label="Creation key" />
          <button type="submit" className="button small" disabled={createKey.trim() === ""}>
            Restore
          </button>
        </form>
      )}
      {result?.ok === true && (
        <div className="panel-hint">
          <p>
            Restored as{" "}
            <a href={boardLink(window.location.origin, result.board.id, result.board.tokens.facilitator)} target="_blank" rel="noreferrer" data-testid="imported-link">
              {result.board.title}
            </a>{" "}
            (facilitator link, also listed on the start page: keep it safe)
          </p>
          {result.board.dropped.length > 0 && (
            <p data-testid="import-dropped">
              Left out for safety: {result.board.dropped.slice(0, DROPPED_SHOWN).join("; ")}
              {result.board.dropped.length > DROPPED_SHOWN && ` and ${result.board.dropped.length - DROPPED_SHOWN} more`}.
            </p>
          )}
        </div>
      )}
      {result?.ok === false && <p role="alert" className="form-error">{result.message}</p>}
    </div>
  );
}
