import type * as Y from "yjs";
import type { Command, FacilitationView } from "@quadrant/facilitation";
import { outlineEntries } from "../templates/outlineEntries";
import { useBoardView } from "../templates/useBoardView";

interface Props {
  view: FacilitationView;
  doc: Y.Doc;
  send: (command: Command) => void;
}

/**
 * The saved agenda, one line per step, each with the frame it takes the room to (picked from the
 * outline). Entering a step with a frame fits that frame on every screen, like "Bring everyone"
 * (the step spotlights it: FacilitationLayer). A click on a step's number goes to that step.
 */
export function AgendaSteps({ view, doc, send }: Props) {
  const frames = outlineEntries(useBoardView(doc));
  const { steps, current } = view.agenda;
  if (steps.length === 0) return null;
  const gone = (frameId: string | null) => frameId !== null && !frames.some((f) => f.frameId === frameId);
  return (
    <ol className="fac-list fac-agenda" data-testid="agenda-steps">
      {steps.map((s, i) => (
        <li key={s.id} className={i === current ? "fac-current" : undefined} aria-current={i === current ? "step" : undefined}>
          <div className="fac-agenda-step">
            <button type="button" className="link-button fac-agenda-go" title={`Go to step ${i + 1} now`} onClick={() => send({ type: "agenda.goto", index: i })}>
              {s.title}
            </button>
            <select
              aria-label={`frame for step ${i + 1}, ${s.title}`}
              data-testid={`agenda-frame-${i}`}
              value={s.focusFrameId ?? ""}
              onChange={(e) => send({ type: "agenda.frame", stepId: s.id, frameId: e.target.value || null })}
            >
              <option value="">no frame</option>
              {frames.map((f) => (
                <option key={f.frameId} value={f.frameId}>
                  {f.title} ({f.kind})
                </option>
              ))}
              {gone(s.focusFrameId) && <option value={s.focusFrameId ?? ""}>(deleted frame)</option>}
            </select>
          </div>
        </li>
      ))}
    </ol>
  );
}
