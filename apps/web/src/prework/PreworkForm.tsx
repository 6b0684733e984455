import { useCallback, useEffect, useState } from "react";
import type { FacilitationView, PreworkAnswer } from "@quadrant/facilitation";
import type { BoardInfo } from "@quadrant/protocol";
import { boardLink } from "../app/links";
import type { Identity } from "../app/localStore";
import { participantId } from "../facilitation/participantId";
import { type ServerClock, countdownText, deadlineLabel, serverTime } from "./countdown";
import { getFacilitationView, sendFacilitationCommand } from "./preworkApi";
import { PreworkAnswerForm } from "./PreworkAnswerForm";

export type PreworkPart = NonNullable<FacilitationView["prework"]>;

/** How often the page asks the server again (extended, closed early, revealed); the countdown itself ticks locally. */
const REFRESH_MS = 30_000;

const KIND_TITLE: Record<PreworkPart["kind"], string> = {
  scoring: "Score impact and effort",
  vote: "Dot vote",
  brainstorm: "Brainstorm",
};

type Outcome = { kind: "idle" } | { kind: "sending" } | { kind: "saved" } | { kind: "refused"; message: string };

export function PreworkForm({ info, token, identity }: { info: BoardInfo; token: string; identity: Identity }) {
  const me = participantId();
  const [view, setView] = useState<FacilitationView | null>(null);
  const [clock, setClock] = useState<ServerClock | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [now, setNow] = useState(() => Date.now());

  const accept = useCallback((next: FacilitationView) => {
    setView(next);
    setClock({ serverNow: next.serverNow, receivedAt: Date.now() });
  }, []);

  const refresh = useCallback(async () => {
    const result = await getFacilitationView(info.id, token, me);
    if (result.kind === "ok") {
      accept(result.value);
      setLoadError(null);
    } else setLoadError(result.kind === "network" ? "The server cannot be reached. Your answers are kept on this page; try again." : result.message);
  }, [info.id, token, me, accept]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);

  async function submit(answer: PreworkAnswer) {
    setOutcome({ kind: "sending" });
    const result = await sendFacilitationCommand(info.id, token, me, { type: "prework.submit", name: identity.name, answer });
    if (result.kind === "ok") {
      accept(result.value);
      setOutcome({ kind: "saved" });
      return;
    }
    setOutcome({ kind: "refused", message: result.kind === "network" ? "The server cannot be reached: your answers were not sent. Try again." : result.message });
    // A refusal may mean the pre-work changed (closed, extended, revealed): show what is true now.
    void refresh();
  }

  const prework = view?.prework ?? null;
  const remaining = prework && clock ? prework.deadline - serverTime(clock, now) : 0;
  const closed = !prework || prework.closed || remaining <= 0;

  return (
    <main className="prework-page" data-testid="prework-page">
      <header className="prework-head">
        <span className="brand">
          <span className="brand-mark" aria-hidden>◩</span> Quadrant
        </span>
        <span className="muted small">Pre-work · {identity.name}</span>
      </header>
      <h1 className="prework-title">{info.title}</h1>
      {loadError && (
        <p className="prework-banner bad" role="alert" data-testid="prework-load-error">
          {loadError}
        </p>
      )}
      {!view && !loadError && <p className="muted">Loading…</p>}
      {view && !prework && (
        <p className="prework-banner" data-testid="prework-none">
          There is no pre-work on this board right now. The facilitator will send a link when there is.
        </p>
      )}
      {prework?.status === "revealed" && (
        <p className="prework-banner" data-testid="prework-revealed">
          The facilitator has revealed the pre-work at the session.{" "}
          <a href={boardLink(window.location.origin, info.id, token)}>Open the board</a> to see the results.
        </p>
      )}
      {prework && prework.status === "open" && (
        <>
          <section className="prework-card" aria-label="What to do">
            <div className="prework-kind" data-testid="prework-kind">{KIND_TITLE[prework.kind]}</div>
            {prework.instruction !== "" && (
              <p className="prework-instruction" data-testid="prework-instruction">
                {prework.instruction}
              </p>
            )}
            <p className={`prework-deadline${closed ? " closed" : ""}`} data-testid="prework-deadline">
              {closed ? (
                <>Closed at {deadlineLabel(prework.deadline)}</>
              ) : (
                <>
                  Open until {deadlineLabel(prework.deadline)} · <strong data-testid="prework-countdown">{countdownText(remaining)}</strong> left
                </>
              )}
            </p>
            <p className="muted small">Only you see your answers. The facilitator sees that you finished, and reveals everyone's answers together at the session.</p>
          </section>
          {/* After a refusal its message says it already; two banners for one fact read as two problems. */}
          {closed && outcome.kind !== "refused" && (
            <p className="prework-banner warn" role="status" data-testid="prework-closed">
              Pre-work closed at {deadlineLabel(prework.deadline)}. Ask the facilitator to extend it if you still want to take part.
            </p>
          )}
          <PreworkAnswerForm key={prework.id} prework={prework} disabled={closed || outcome.kind === "sending"} sending={outcome.kind === "sending"} onSubmit={submit} />
          {outcome.kind === "refused" && (
            <p className="prework-banner bad" role="alert" data-testid="prework-refused">
              {outcome.message}
            </p>
          )}
          {prework.mine && outcome.kind !== "refused" && (
            <p className="prework-banner ok" role="status" data-testid="prework-submitted">
              ✓ Submitted {new Date(prework.mine.at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
              {closed ? "." : ". You can change your answers until the deadline."}
            </p>
          )}
        </>
      )}
    </main>
  );
}
