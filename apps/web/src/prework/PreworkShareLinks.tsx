import { useState } from "react";
import type { RotatableRole } from "@quadrant/protocol";
import { preworkLink } from "../app/links";

/**
 * The Share dialog's pre-work links: the same tokens as the board links, opening the small
 * pre-work page (phones) instead of the canvas; rotating a board link rotates its pre-work link
 * too. Hidden when this browser knows neither link (it did not create the board).
 */
export function PreworkShareLinks({ boardId, tokens }: { boardId: string; tokens: Partial<Record<RotatableRole, string>> }) {
  const [copied, setCopied] = useState<RotatableRole | null>(null);
  const roles = (["editor", "viewer"] as const).filter((role) => tokens[role]);
  if (roles.length === 0) return null;
  return (
    <section className="prework-share" data-testid="share-prework">
      <h3 className="small">Pre-work before the session</h3>
      <p className="muted small">Open a pre-work in the Facilitate panel, then send this link: people answer alone, on any device, until the deadline.</p>
      {roles.map((role) => {
        const link = preworkLink(window.location.origin, boardId, tokens[role] ?? "");
        return (
          <div key={role} className="link-row">
            <span className={`role role-${role}`}>{role}</span>
            <input readOnly value={link} aria-label={`pre-work link for ${role}s`} data-testid={`share-prework-link-${role}`} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="button"
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(role), () => undefined)}
            >
              {copied === role ? "Copied" : "Copy"}
            </button>
          </div>
        );
      })}
    </section>
  );
}
