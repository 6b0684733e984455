import { useEffect, useState } from "react";
import type { ControlChannel } from "../facilitation/controlChannel";

/**
 * The facilitator's board lock as it applies to me: true while the board is locked and I am not
 * the facilitator. The server enforces it; the page uses it to make the canvas read-only, so no
 * edit is dropped silently. Read here, with the session, not in the lazily loaded layers: it
 * must hold from the first view the server sends.
 */
export function useBoardLocked(control: ControlChannel | null): boolean {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    if (!control) return undefined;
    const update = () => {
      const view = control.view;
      setLocked(view?.lock.board === true && view.me.role !== "facilitator");
    };
    update();
    return control.onView(update);
  }, [control]);
  return locked;
}
