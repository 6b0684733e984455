import { useEffect, useRef, useState } from "react";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import type { ControlChannel } from "./controlChannel";
import { beep } from "./sceneHelpers";
import { formatRemaining, remainingAt } from "./timerClock";

interface Props {
  control: ControlChannel;
  view: FacilitationView;
  /** Given to the facilitator: Start/Pause/Resume sit beside the time, usable with the dock folded. */
  send?: (command: Command) => void;
}

/** The shared countdown: everyone computes it from server time, so skewed clocks agree. */
export function TimerBar({ control, view, send }: Props) {
  const [, setTick] = useState(0);
  const [sound, setSound] = useState(false);
  const signalled = useRef<number | null>(null);
  useEffect(() => {
    const interval = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(interval);
  }, []);
  const remaining = remainingAt(view.timer, control.serverNow());
  const expired = view.timer.status === "running" && remaining === 0;
  useEffect(() => {
    // Signal zero once per run, not on every re-render or reload of an old expiry.
    if (expired && signalled.current !== view.timer.run) {
      signalled.current = view.timer.run;
      if (sound) beep();
    }
  }, [expired, sound, view.timer.run]);
  return (
    <div className={`fac-timer${expired ? " fac-expired" : ""}`} data-testid="fac-timer-bar">
      <span className="fac-time" data-testid="timer" data-status={view.timer.status} data-expired={expired ? "true" : "false"}>
        {formatRemaining(remaining)}
      </span>
      {send && <RunButton status={expired ? "expired" : view.timer.status} send={send} />}
      {expired && <strong className="fac-alert" role="alert">Time is up</strong>}
      <button
        type="button"
        className="fac-sound small"
        aria-pressed={sound}
        aria-label="sound"
        title={sound ? "Beeps when the timer reaches zero (click to mute)" : "Silent at zero (click to beep)"}
        onClick={() => setSound(!sound)}
      >
        <BellIcon muted={!sound} />
      </button>
    </div>
  );
}

type RunStatus = FacilitationView["timer"]["status"] | "expired";

/** The one action that makes sense now: at zero there is nothing to pause, only to run again. */
function RunButton({ status, send }: { status: RunStatus; send: (command: Command) => void }) {
  switch (status) {
    case "expired":
      return (
        <button
          type="button"
          className="small primary"
          title="Run the same time again"
          onClick={() => {
            send({ type: "timer.reset" });
            send({ type: "timer.start" });
          }}
        >
          Restart
        </button>
      );
    case "idle":
      return <button type="button" className="small primary" onClick={() => send({ type: "timer.start" })}>Start</button>;
    case "running":
      return <button type="button" className="small" onClick={() => send({ type: "timer.pause" })}>Pause</button>;
    case "paused":
      return <button type="button" className="small primary" onClick={() => send({ type: "timer.resume" })}>Resume</button>;
  }
}

/** Inline so no icon font or image is fetched; a slash when muted. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      {muted && <path d="M3 3l18 18" />}
    </svg>
  );
}
