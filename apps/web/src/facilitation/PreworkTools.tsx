import { useEffect, useState } from "react";
import { type Command, type FacilitationView, type PreworkKind, type Target, preworkFrameId } from "@quadrant/facilitation";
import { parseRoute, preworkLink } from "../app/links";
import { findBoard } from "../app/localStore";
import { countdownText, deadlineLabel } from "../prework/countdown";
import { Fold } from "../board/Fold";

const UNITS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
type Unit = keyof typeof UNITS;
const KIND_LABEL: Record<PreworkKind, string> = { scoring: "Impact / effort scoring", vote: "Dot vote", brainstorm: "Brainstorm" };

interface Props {
  view: FacilitationView;
  send: (command: Command) => void;
  /** What the round covers: the selected frame, else the selected notes, else the whole board (FacilitatorTools). */
  target: () => Target;
}

/** This board's pre-work link for participants (the editor token this browser holds), or null. */
function participantLink(): string | null {
  const route = parseRoute(window.location.pathname, window.location.hash);
  if (route.kind !== "board") return null;
  const token = findBoard(route.boardId)?.tokens?.editor;
  return token ? preworkLink(window.location.origin, route.boardId, token) : null;
}

/**
 * The facilitator's pre-work block: open an asynchronous round with a deadline and an
 * instruction, share the link, watch who finished (names only: the server sends no answers),
 * extend or close it, and reveal it at the session like a private round.
 */
export function PreworkTools({ view, send, target }: Props) {
  const prework = view.prework;
  const [kind, setKind] = useState<PreworkKind>("scoring");
  const [amount, setAmount] = useState("2");
  const [unit, setUnit] = useState<Unit>("days");
  const [instruction, setInstruction] = useState("");
  const [votes, setVotes] = useState("3");
  const [stacking, setStacking] = useState(true);
  const [copied, setCopied] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);
  // The view says when the server made it: estimate the server's clock from it, not from this device's.
  const [offset] = useState(() => view.serverNow - Date.now());
  const serverNow = now + offset;
  const duration = Math.max(0, Number(amount) || 0) * UNITS[unit];
  const link = participantLink();

  const open = () => {
    send({
      type: "prework.open",
      kind,
      target: kind === "brainstorm" ? { kind: "board" } : target(),
      deadline: Math.round(serverNow + duration),
      instruction: instruction.trim(),
      ...(kind === "vote" ? { votesPerPerson: Number(votes) || 3, allowStacking: stacking } : {}),
    });
  };
  // The instruction belongs to the pre-work that opened with it: the next one starts blank (and a refused open keeps the draft).
  const openedId = prework?.status === "open" ? prework.id : null;
  useEffect(() => {
    if (openedId !== null) setInstruction("");
  }, [openedId]);
  const extend = (ms: number) => prework && send({ type: "prework.extend", deadline: Math.round(Math.max(prework.deadline, serverNow) + ms) });

  const finished = prework?.finished;
  const closed = prework ? prework.closed || prework.deadline <= serverNow : false;

  return (
    <Fold
      id="fac-pre-work"
      title="Pre-work"
      level={3}
      className="fac-group"
      headingClassName="fac-group-title"
      testId="prework-tools"
      extra={
        finished && (
          <span className="fac-pill" data-testid="prework-finished-count">
            {finished.count} finished
          </span>
        )
      }
    >
      {(!prework || prework.status === "revealed") && (
        <>
          {prework?.status === "revealed" && (
            <p className="fac-note" data-testid="prework-revealed-note">
              {KIND_LABEL[prework.kind]} pre-work revealed{finished && finished.count > 0 ? ` (${finished.who.map((w) => w.name).join(", ")})` : ""}.
            </p>
          )}
          {prework?.status === "revealed" && prework.kind === "brainstorm" && finished && finished.count > 0 && (
            <div className="fac-row">
              <button type="button" data-testid="prework-spotlight" title="Take everyone to the Pre-work frame to cluster its notes" onClick={() => send({ type: "focus.spotlight", frameId: preworkFrameId(prework.id) })}>
                Spotlight the notes
              </button>
            </div>
          )}
          <div className="fac-row">
            <select aria-label="pre-work kind" value={kind} data-testid="prework-kind-select" onChange={(e) => setKind(e.target.value as PreworkKind)}>
              <option value="scoring">Impact / effort scoring</option>
              <option value="vote">Dot vote</option>
              <option value="brainstorm">Brainstorm (notes)</option>
            </select>
            {kind === "vote" && (
              <>
                <label className="fac-field">
                  <input aria-label="pre-work votes per person" type="number" min="1" max="50" value={votes} onChange={(e) => setVotes(e.target.value)} /> each
                </label>
                <label className="fac-check">
                  <input type="checkbox" checked={stacking} onChange={(e) => setStacking(e.target.checked)} /> stacking
                </label>
              </>
            )}
          </div>
          <div className="fac-row">
            <label className="fac-field">
              closes in
              <input aria-label="pre-work closes in" type="number" min="0" step="any" value={amount} data-testid="prework-duration" onChange={(e) => setAmount(e.target.value)} />
            </label>
            <select aria-label="pre-work duration unit" value={unit} data-testid="prework-unit" onChange={(e) => setUnit(e.target.value as Unit)}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
            <span className="fac-note">{duration > 0 ? deadlineLabel(serverNow + duration) : ""}</span>
          </div>
          <textarea
            aria-label="pre-work instruction"
            rows={2}
            maxLength={1000}
            placeholder="Instruction, e.g. Score these initiatives before Thursday's session"
            value={instruction}
            data-testid="prework-instruction-input"
            onChange={(e) => setInstruction(e.target.value)}
          />
          <div className="fac-row">
            <button
              type="button"
              className="primary"
              disabled={duration <= 0}
              data-testid="prework-open"
              title={kind === "brainstorm" ? "Everyone writes notes alone before the session" : "On the selected frame, else the selected notes, else every note on the board"}
              onClick={open}
            >
              Open pre-work
            </button>
            {prework && (
              <button type="button" data-testid="prework-clear" onClick={() => send({ type: "prework.clear" })}>
                Forget the last one
              </button>
            )}
          </div>
        </>
      )}
      {prework?.status === "open" && (
        <>
          <p className="fac-note" data-testid="prework-status">
            {KIND_LABEL[prework.kind]}
            {prework.kind !== "brainstorm" ? ` · ${prework.items.length} ${prework.items.length === 1 ? "item" : "items"}` : ""} ·{" "}
            {closed ? (
              <strong className="fac-discuss">closed {deadlineLabel(prework.deadline)}</strong>
            ) : (
              <>
                closes {deadlineLabel(prework.deadline)} (<span data-testid="prework-tools-countdown">{countdownText(prework.deadline - serverNow)}</span>)
              </>
            )}
          </p>
          {link ? (
            <div className="fac-row">
              <input className="fac-link" readOnly value={link} aria-label="pre-work link for participants" data-testid="prework-link" onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                data-testid="prework-copy-link"
                onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => undefined)}
              >
                {copied ? "Copied" : "Copy link"}
              </button>
            </div>
          ) : (
            <p className="fac-note">Send participants their board link with /prework after the board id (Share shows it).</p>
          )}
          <p className="fac-note" data-testid="prework-finished">
            {finished && finished.count > 0 ? `Finished: ${finished.who.map((w) => w.name).join(", ")}` : "Nobody has finished yet."}
          </p>
          <div className="fac-row">
            <button type="button" data-testid="prework-extend-hour" onClick={() => extend(UNITS.hours)}>+1 hour</button>
            <button type="button" data-testid="prework-extend-day" onClick={() => extend(UNITS.days)}>+1 day</button>
            {!closed && (
              <button type="button" data-testid="prework-close" onClick={() => send({ type: "prework.close" })}>
                Close now
              </button>
            )}
          </div>
          <div className="fac-row">
            <button type="button" className="primary" data-testid="prework-reveal" onClick={() => send({ type: "prework.reveal" })}>
              Reveal pre-work
            </button>
            <button type="button" data-testid="prework-discard" title="Drop the pre-work and everyone's answers without revealing them" onClick={() => send({ type: "prework.clear" })}>
              Discard
            </button>
          </div>
        </>
      )}
    </Fold>
  );
}
