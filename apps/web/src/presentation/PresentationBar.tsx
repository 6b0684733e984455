import type * as Y from "yjs";
import type { ControlChannel } from "../facilitation/controlChannel";
import { TimerBar } from "../facilitation/TimerBar";
import { outlineEntries } from "../templates/outlineEntries";
import { useBoardView } from "../templates/useBoardView";
import type { Presentation } from "./usePresentation";

interface Props {
  presentation: Presentation;
  control: ControlChannel;
  doc: Y.Doc;
}

/**
 * The strip over the canvas while a presentation runs: which frame (and how far along), the
 * agenda step and the timer; the presenter's previous / next / end, a participant's stop / follow.
 */
export function PresentationBar({ presentation, control, doc }: Props) {
  const { state, frameId, view, presenter, following } = presentation;
  const entries = outlineEntries(useBoardView(doc));
  const title = entries.find((e) => e.frameId === frameId)?.title ?? "a frame";
  const step = view.agenda.steps[view.agenda.current];
  const send = (by: 1 | -1) => control.send({ type: "present.move", by });
  const last = state.index + 1 >= state.frameIds.length;
  return (
    <div className={`presentation-bar${following ? "" : " is-detached"}`} role="region" aria-label="Presentation" data-testid="presentation-bar">
      <p className="presentation-title">
        <span className="presentation-label">Presenting:</span>{" "}
        <strong data-testid="presentation-frame">{title}</strong>{" "}
        <span className="presentation-count" data-testid="presentation-count">
          {state.index + 1} of {state.frameIds.length}
        </span>
      </p>
      {step && (
        <p className="presentation-step" data-testid="presentation-step">
          Step {view.agenda.current + 1}: {step.title}
        </p>
      )}
      {view.timer.status !== "idle" && <TimerBar control={control} view={view} />}
      <div className="presentation-actions">
        {presenter ? (
          <>
            <button type="button" className="button small" data-testid="present-previous" disabled={state.index === 0} onClick={() => send(-1)} aria-keyshortcuts="ArrowLeft">
              ← Previous
            </button>
            <button type="button" className="button small primary" data-testid="present-next" disabled={last} onClick={() => send(1)} aria-keyshortcuts="ArrowRight">
              Next →
            </button>
            <button type="button" className="button small" data-testid="present-stop" onClick={() => control.send({ type: "present.stop" })} aria-keyshortcuts="Escape">
              End (Esc)
            </button>
          </>
        ) : following ? (
          <button type="button" className="button small" data-testid="presentation-unfollow" onClick={() => presentation.setFollowing(false)}>
            Stop following
          </button>
        ) : (
          <button type="button" className="button small primary" data-testid="presentation-follow" onClick={() => presentation.setFollowing(true)}>
            Follow again
          </button>
        )}
      </div>
    </div>
  );
}
