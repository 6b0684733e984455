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
  const step = view.agenda.steps[view.agenda.current];
  return (
    <div className={`fac-timer${expired ? " fac-expired" : ""}`} data-testid="fac-timer-bar">
      <span className="fac-time" data-testid="timer" data-status={view.timer.status} data-expired={expired ? "true" : "false"}>
        {formatRemaining(remaining)}
      </span>
      {send && <RunButton status={view.timer.status} send={send} />}
      {step && <span className="fac-step" data-testid="fac-current-step" title={step.title}>{step.title}</span>}
      {expired && <strong role="alert">Time is up</strong>}
      <label className="fac-sound" title="Beep when the timer reaches zero">
        <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> sound
      </label>
    </div>
  );
}

function RunButton({ status, send }: { status: FacilitationView["timer"]["status"]; send: (command: Command) => void }) {
  switch (status) {
    case "idle":
      return <button type="button" className="small primary" onClick={() => send({ type: "timer.start" })}>Start</button>;
    case "running":
      return <button type="button" className="small" onClick={() => send({ type: "timer.pause" })}>Pause</button>;
    case "paused":
      return <button type="button" className="small primary" onClick={() => send({ type: "timer.resume" })}>Resume</button>;
  }
}
