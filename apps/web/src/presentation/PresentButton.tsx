import type * as Y from "yjs";
import type { ControlChannel } from "../facilitation/controlChannel";
import { outlineEntries } from "../templates/outlineEntries";
import { useBoardView } from "../templates/useBoardView";
import { framesToPresent } from "./presentationFrames";
import { useControlView } from "./useControlView";

/** The facilitator's "Present" in the top bar: steps through the agenda's frames, else every frame. */
export function PresentButton({ control, doc }: { control: ControlChannel; doc: Y.Doc }) {
  const view = useControlView(control);
  const frames = framesToPresent(outlineEntries(useBoardView(doc)), view?.agenda.steps ?? []);
  const fromAgenda = view?.agenda.steps.some((s) => s.focusFrameId !== null && frames.includes(s.focusFrameId)) ?? false;
  return (
    <button
      type="button"
      className="button small"
      data-testid="present-start"
      disabled={frames.length === 0 || view === null}
      title={frames.length === 0 ? "Add a template or a theme first" : `Step through ${fromAgenda ? "the agenda's frames" : "every frame"} full-screen; everyone follows (arrow keys, Esc to end)`}
      onClick={() => control.send({ type: "present.start", frameIds: frames })}
    >
      <span aria-hidden>▶</span> Present
    </button>
  );
}
