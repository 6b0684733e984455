import { useEffect, useRef, useState } from "react";
import type { Command, FacilitationView, Viewport } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { ControlChannel } from "./controlChannel";
import { FacilitatorTools } from "./FacilitatorTools";
import { ParticipantTools } from "./ParticipantTools";
import { currentViewport, goTo } from "./sceneHelpers";
import { TimerBar } from "./TimerBar";
import "./facilitation.css";

interface Props {
  control: ControlChannel;
  scene: ExcalidrawScene | null;
  name: string;
  /** The server's board lock, so the page can make the canvas read-only for editors. */
  onBoardLock: (locked: boolean) => void;
}

declare global {
  interface Window {
    /** End-to-end tests: the latest view and a way to select elements. */
    __quadrantFacilitation?: {
      view(): FacilitationView | null;
      select(ids: string[]): void;
      viewport(): Viewport | null;
    };
  }
}

const close = (a: Viewport, b: Viewport) => Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2 && Math.abs(a.zoom - b.zoom) < 0.01;

/** Facilitation on the board page: the timer, the facilitator's toolbar and everyone's tools. */
export function FacilitationLayer({ control, scene, name, onBoardLock }: Props) {
  const [view, setView] = useState<FacilitationView | null>(control.view);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  /** Where "follow me" last put us; moving away from it stops following (until the next follow). */
  const followed = useRef<{ applied: Viewport | null; stopped: boolean }>({ applied: null, stopped: false });

  useEffect(() => control.onView(setView), [control]);
  useEffect(
    () =>
      control.onRefusal((r) => {
        setRefusal(r.message);
        setTimeout(() => setRefusal(null), 4000);
      }),
    [control],
  );
  useEffect(() => onBoardLock(view?.lock.board === true && view.me.role !== "facilitator"), [view, onBoardLock]);

  useEffect(() => (scene ? control.onSummon((viewport) => goTo(scene, viewport)) : undefined), [control, scene]);

  // Follow-me: participants track the facilitator's viewport; the facilitator publishes it.
  useEffect(() => {
    if (!scene || !view) return;
    if (!view.focus.followMe) {
      followed.current = { applied: null, stopped: false };
      return;
    }
    if (view.me.role === "facilitator") {
      let last = currentViewport(scene);
      const interval = setInterval(() => {
        const now = currentViewport(scene);
        if (!close(now, last)) {
          last = now;
          control.send({ type: "focus.viewport", viewport: now });
        }
      }, 300);
      return () => clearInterval(interval);
    }
    const state = followed.current;
    if (state.applied && !close(currentViewport(scene), state.applied)) state.stopped = true;
    if (!state.stopped && view.focus.viewport) {
      goTo(scene, view.focus.viewport);
      // Not read back from Excalidraw: its app state updates asynchronously.
      state.applied = view.focus.viewport;
    }
    return undefined;
  }, [scene, view, control]);

  // Private notes of mine the canvas lost (a reload): put them back on my canvas only.
  useEffect(() => {
    if (!scene || !view || view.brainstorm.mine.length === 0) return;
    const present = new Set(scene.api.getSceneElements().map((e) => e.id));
    const missing = view.brainstorm.mine.filter((e) => !present.has(e.id));
    if (missing.length > 0) scene.applyRemote(missing as unknown as Parameters<ExcalidrawScene["applyRemote"]>[0]);
  }, [scene, view]);

  // Spotlight: everyone is taken to the frame once when it is spotlighted; "Go there" repeats it.
  const spotlightId = view?.focus.spotlightFrameId ?? null;
  const showFrame = (frameId: string) => {
    const frame = scene?.api.getSceneElements().find((e) => e.id === frameId);
    if (frame) scene?.api.scrollToContent(frame, { fitToViewport: true, viewportZoomFactor: 0.9 });
  };
  useEffect(() => {
    if (spotlightId) showFrame(spotlightId);
    // showFrame is recreated every render; only a new spotlight should move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spotlightId, scene]);

  useEffect(() => {
    const hook = {
      view: () => control.view,
      select: (ids: string[]) =>
        scene?.api.updateScene({ appState: { selectedElementIds: Object.fromEntries(ids.map((id) => [id, true as const])) } }),
      viewport: () => (scene ? currentViewport(scene) : null),
    };
    window.__quadrantFacilitation = hook;
    return () => {
      if (window.__quadrantFacilitation === hook) delete window.__quadrantFacilitation;
    };
  }, [control, scene]);

  if (!view) return null;
  const send = (command: Command) => {
    if (!control.send(command)) setRefusal("not connected");
  };
  const spotlight = view.focus.spotlightFrameId;
  return (
    <div className="fac-layer" data-testid="facilitation" data-role={view.me.role}>
      <TimerBar control={control} view={view} />
      {spotlight && <p className="fac-banner">Spotlight on a frame <button onClick={() => showFrame(spotlight)}>Go there</button></p>}
      {refusal && <p className="fac-refusal" role="status" data-testid="fac-refusal">{refusal}</p>}
      <button className="fac-collapse" onClick={() => setCollapsed(!collapsed)}>{collapsed ? "Show tools" : "Hide tools"}</button>
      {!collapsed && (
        <div className="fac-body">
          <ParticipantTools view={view} scene={scene} name={name} send={send} />
          {view.me.role === "facilitator" && <FacilitatorTools view={view} scene={scene} send={send} />}
        </div>
      )}
    </div>
  );
}
