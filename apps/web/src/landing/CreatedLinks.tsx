import { useState } from "react";
import { ROLES, type BoardCreated, type Role } from "@quadrant/protocol";
import { boardLink } from "../app/links";

const ROLE_TEXT: Record<Role, string> = {
  facilitator: "Runs the session: timer, voting, focus. Keep this one.",
  editor: "For participants: draw, write and move things.",
  viewer: "Watch only: for observers and screens.",
};

export function CreatedLinks({ board }: { board: BoardCreated }) {
  const [copied, setCopied] = useState<Role | null>(null);
  const origin = window.location.origin;
  async function copy(role: Role, link: string) {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(role);
  }
  return (
    <section className="card links-card" data-testid="created-links">
      <h2>“{board.title}” is ready</h2>
      <p className="muted">Anyone with a link joins with that link's role. Share them accordingly.</p>
      <ul className="link-list">
        {ROLES.map((role) => {
          const link = boardLink(origin, board.id, board.tokens[role]);
          return (
            <li key={role}>
              <div className="link-head">
                <span className={`role role-${role}`}>{role}</span>
                <span className="muted small">{ROLE_TEXT[role]}</span>
              </div>
              <div className="link-row">
                <input readOnly value={link} data-testid={`link-${role}`} onFocus={(e) => e.currentTarget.select()} />
                <button type="button" className="button" onClick={() => copy(role, link)}>
                  {copied === role ? "Copied" : "Copy"}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <a className="button primary" href={boardLink("", board.id, board.tokens.facilitator)}>
        Open as facilitator
      </a>
    </section>
  );
}
