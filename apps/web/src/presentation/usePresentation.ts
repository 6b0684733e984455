import { type RefObject, useEffect, useState } from "react";
import type { FacilitationView, PresentationState } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { ControlChannel } from "../facilitation/controlChannel";
import { fitElementWhenShown } from "../board/fitView";
import { useControlView } from "./useControlView";

export interface Presentation {
  readonly state: PresentationState;
  /** The frame being presented now. */
  readonly frameId: string;
  readonly view: FacilitationView;
  readonly presenter: boolean;
  /** This screen follows the presentation (the presenter always; a participant until they stop). */
  readonly following: boolean;
  setFollowing(on: boolean): void;
}

/** True while the person is typing: arrow keys then move the caret, not the slides. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * Presentation mode on this screen: the server says which frame is presented (view.presentation);
 * every following screen fits that frame into its own canvas (so a phone and a wall screen both
 * show all of it), again whenever the canvas changes size (the panels hide when presenting).
 * The presenter steps with the arrow keys (and Page Up/Down, what clickers send) and leaves with Esc.
 */
export function usePresentation(control: ControlChannel | null, scene: ExcalidrawScene | null, boardBody: RefObject<HTMLElement | null>): Presentation | null {
  const view = useControlView(control);
  const state = view?.presentation ?? null;
  const frameId = state ? (state.frameIds[state.index] ?? null) : null;
  const presenter = view?.me.role === "facilitator";
  const [stopped, setStopped] = useState(false);
  const run = state ? state.frameIds.join(",") : "";
  // A new presentation (or the end of one) asks everyone to follow again.
  useEffect(() => setStopped(false), [run]);
  const following = frameId !== null && (presenter || !stopped);

  useEffect(() => {
    if (!scene || !frameId || !following) return undefined;
    let frame = 0;
    // Two frames: the canvas has its new size, then Excalidraw has read it into its app state.
    const fit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => void fitElementWhenShown(scene, frameId));
      });
    };
    fit();
    // The canvas is the board body's first child (BoardCanvas); the body itself keeps its size.
    const element = boardBody.current?.querySelector(".canvas") ?? null;
    const observer = element ? new ResizeObserver(fit) : null;
    if (element) observer?.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
    };
  }, [scene, frameId, following, boardBody]);

  useEffect(() => {
    if (!control || !presenter || !state) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const by = ["ArrowRight", "ArrowDown", "PageDown"].includes(e.key) ? 1 : ["ArrowLeft", "ArrowUp", "PageUp"].includes(e.key) ? -1 : 0;
      if (by === 0 && e.key !== "Escape") return;
      // Capture phase, before Excalidraw: its arrow keys would nudge the selection instead.
      e.preventDefault();
      e.stopPropagation();
      if (by === 0) control.send({ type: "present.stop" });
      else control.send({ type: "present.move", by });
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [control, presenter, state]);

  if (!view || !state || !frameId) return null;
  return { state, frameId, view, presenter, following, setFollowing: (on) => setStopped(!on) };
}
