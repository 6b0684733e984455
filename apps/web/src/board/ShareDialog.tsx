import { useState } from "react";
import type { RotatableRole } from "@quadrant/protocol";
import { rotateLinks } from "../api/client";
import { boardLink } from "../app/links";
import { findBoard, rememberBoard } from "../app/localStore";
import { PreworkShareLinks } from "../prework/PreworkShareLinks";
import "./share-dialog.css";

const ROTATABLE: readonly RotatableRole[] = ["editor", "viewer"];
const WHO: Record<RotatableRole, string> = {
  editor: "Participants who draw, write and vote",
  viewer: "Observers and shared screens (read only)",
};

interface Props {
  boardId: string;
  facilitatorToken: string;
  onClose: () => void;
}

/**
 * The facilitator's share dialog: the participant links this browser knows, and
 * "rotate" for a link that leaked. Rotation is immediate on the server: everyone
 * on the old link is disconnected and must be sent the new one.
 */
export function ShareDialog({ boardId, facilitatorToken, onClose }: Props) {
  const [tokens, setTokens] = useState<Partial<Record<RotatableRole, string>>>(() => findBoard(boardId)?.tokens ?? {});
  const [confirming, setConfirming] = useState<RotatableRole | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [copied, setCopied] = useState<RotatableRole | null>(null);

  async function rotate(role: RotatableRole) {
    setBusy(true);
    setMessage(null);
    const result = await rotateLinks(boardId, facilitatorToken, [role]);
    setBusy(false);
    setConfirming(null);
    if (result.kind !== "ok") {
      setMessage(result.kind === "network" ? "The server cannot be reached; the link was not changed." : result.message);
      return;
    }
    const fresh = result.value.tokens[role];
    if (!fresh) return;
    setTokens((current) => ({ ...current, [role]: fresh }));
    const remembered = findBoard(boardId);
    if (remembered?.tokens) rememberBoard({ ...remembered, tokens: { ...remembered.tokens, [role]: fresh } });
    setMessage(`New ${role} link ready. Everyone on the old one was disconnected: send them this one.`);
  }

  async function copy(role: RotatableRole, link: string) {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(role);
  }

  return (
    <div className="dialog-backdrop" role="presentation" onClick={onClose}>
      <div className="dialog share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" onClick={(e) => e.stopPropagation()} data-testid="share-dialog">
        <header className="dialog-head">
          <h2 id="share-title">Share this board</h2>
          <button type="button" className="button small" onClick={onClose} aria-label="Close">
            Close
          </button>
        </header>
        <ul className="link-list">
          {ROTATABLE.map((role) => {
            const token = tokens[role];
            const link = token ? boardLink(window.location.origin, boardId, token) : null;
            return (
              <li key={role} data-testid={`share-${role}`}>
                <div className="link-head">
                  <span className={`role role-${role}`}>{role}</span>
                  <span className="muted small">{WHO[role]}</span>
                </div>
                {link ? (
                  <div className="link-row">
                    <input readOnly value={link} data-testid={`share-link-${role}`} onFocus={(e) => e.currentTarget.select()} />
                    <button type="button" className="button" onClick={() => copy(role, link)}>
                      {copied === role ? "Copied" : "Copy"}
                    </button>
                  </div>
                ) : (
                  <p className="muted small">This browser did not create the board, so it does not know this link. Rotate to get a new one.</p>
                )}
                {confirming === role ? (
                  <div className="confirm-row">
                    <span className="small">Everyone using the current {role} link is disconnected now.</span>
                    <button type="button" className="button danger small" disabled={busy} onClick={() => rotate(role)}>
                      {busy ? "Rotating…" : "Rotate now"}
                    </button>
                    <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <button type="button" className="button small" onClick={() => setConfirming(role)} data-testid={`rotate-${role}`}>
                    Rotate {role} link…
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <PreworkShareLinks boardId={boardId} tokens={tokens} />
        {message && (
          <p className="small" role="status" data-testid="share-message">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}
