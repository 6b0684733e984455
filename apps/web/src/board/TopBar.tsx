import type { ReactNode } from "react";
import type { BoardInfo, Role } from "@quadrant/protocol";
import type { ConnectionStatus } from "../collab/connection";
import type { Peer, PeerUser } from "../collab/presence";
import { avatarInk } from "./avatarInk";
import { initials } from "./initials";
import type { ControlChannel } from "../facilitation/controlChannel";
import { SaveStatusBadge } from "./SaveStatusBadge";

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline: edits are kept on this device",
};

interface Props {
  info: BoardInfo;
  me: PeerUser;
  peers: readonly Peer[];
  status: ConnectionStatus;
  /** Carries the server's save status (storage outages), shown beside the connection status; null before the session exists. */
  control: ControlChannel | null;
  following: number | null;
  onFollow: (clientId: number | null) => void;
  /** Role-specific buttons (the facilitator's Share). */
  actions?: ReactNode;
}

const ROLE_ORDER: Record<Role, number> = { facilitator: 0, editor: 1, viewer: 2 };

export function TopBar({ info, me, peers, status, following, onFollow, actions, control }: Props) {
  const sorted = [...peers].sort(
    (a, b) => ROLE_ORDER[a.state.user.role] - ROLE_ORDER[b.state.user.role] || a.state.user.name.localeCompare(b.state.user.name),
  );
  return (
    <header className="topbar">
      <a className="brand small" href="/" title="Start page">
        <span className="brand-mark" aria-hidden>◩</span>
      </a>
      <h1 className="board-name" title={info.title}>{info.title}</h1>
      <span className={`role role-${info.role}`} data-testid="my-role">{info.role === "viewer" ? "view only" : info.role}</span>
      <span className={`status status-${status}`} data-testid="connection-status" data-status={status} role="status">
        <span className="dot" aria-hidden />
        {STATUS_TEXT[status]}
      </span>
      {control && <SaveStatusBadge control={control} />}
      <div className="spacer" />
      {following !== null && (
        <button type="button" className="button small" onClick={() => onFollow(null)}>
          Stop following
        </button>
      )}
      {actions}
      <ul className="participants" data-testid="participants" aria-label="Participants">
        <li className="participant me" title={`${me.name} (you, ${me.role})`}>
          <span className="avatar" style={{ background: me.color, color: avatarInk(me.color) }}>{initials(me.name)}</span>
        </li>
        {sorted.map(({ clientId, state }) => (
          <li key={clientId} className={`participant ${following === clientId ? "followed" : ""}`}>
            <button
              type="button"
              className="avatar-button"
              title={`${state.user.name} (${state.user.role}${state.user.group ? `, ${state.user.group}` : ""}) — click to follow`}
              data-testid="participant"
              data-name={state.user.name}
              onClick={() => onFollow(following === clientId ? null : clientId)}
            >
              <span className="avatar" style={{ background: state.user.color, color: avatarInk(state.user.color) }}>{initials(state.user.name)}</span>
              <span className="participant-name">{state.user.name}</span>
              <span className="participant-role">{state.user.role}</span>
              {state.user.group && (
                <span className="participant-group" data-testid="participant-group">
                  {state.user.group}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </header>
  );
}
