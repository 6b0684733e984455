import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { Command, FacilitationView, Viewport } from "@quadrant/facilitation";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { ControlChannel } from "./controlChannel";
import { initialDockOpen, rememberDockOpen } from "./dockState";
import { FacilitatorTools } from "./FacilitatorTools";
import { PreworkInvite } from "./PreworkInvite";
import { ParticipantTools } from "./ParticipantTools";
import { SessionBanners } from "./SessionBanners";
import { currentViewport, goTo } from "./sceneHelpers";
import { fitElementWhenShown } from "../board/fitView";
import { FrameLockBadges } from "./FrameLockBadges";
import { NoteHighlight } from "./NoteHighlight";
import { TimerBar } from "./TimerBar";
import { useTemplateInstances } from "./useTemplateInstances";
import { installFacilitationTestHook } from "./testHook";
import "./facilitation.css";
import { GroupPicker, GroupStatus } from "../groups/GroupStatus";
import { useGroupLink } from "../groups/useGroupLink";

interface Props {
  control: ControlChannel;
  scene: ExcalidrawScene | null;
  /** The board document: the facilitator's "Open rating" looks for health scorecards in it. */
  doc: Y.Doc;
  name: string;
}

const close = (a: Viewport, b: Viewport) => Math.abs(a.x - b.x) < 2 && Math.abs(a.y - b.y) < 2 && Math.abs(a.zoom - b.zoom) < 0.01;

/**
 * Facilitation on the board page, docked at the top of the right-hand column so it
 * never covers the canvas: the timer and banners always show; the tools fold away
 * behind the "Facilitate" button (remembered per browser, folded on small screens).
 */
export function FacilitationLayer({ control, scene, doc, name }: Props) {
  const [view, setView] = useState<FacilitationView | null>(control.view);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [open, setOpen] = useState(initialDockOpen);
  /** Where "follow me" last put us; moving away from it stops following (until the next follow). */
  const followed = useRef<{ applied: Viewport | null; stopped: boolean }>({ applied: null, stopped: false });
  /** Mirrors `followed.stopped` for the banner (the ref alone would not re-render). */
  const [followStopped, setFollowStopped] = useState(false);
  const stopFollowing = () => {
    followed.current.stopped = true;
    setFollowStopped(true);
  };

  useEffect(() => control.onView(setView), [control]);
  // "Who took part": the server records this name with the link's role (said again on every reconnect).
  useEffect(() => control.introduce(name), [control, name]);
  const templates = useTemplateInstances(doc);
  // Came with a group's link: the server places this person in that group (groups/useGroupLink.ts).
  useGroupLink(control, view);
  useEffect(
    () =>
      control.onRefusal((r) => {
        setRefusal(r.message);
        setTimeout(() => setRefusal(null), 4000);
      }),
    [control],
  );

  useEffect(() => (scene ? control.onSummon((viewport) => goTo(scene, viewport)) : undefined), [control, scene]);

  // Follow-me: participants track the facilitator's viewport; the facilitator publishes it.
  useEffect(() => {
    if (!scene || !view) return;
    if (!view.focus.followMe) {
      followed.current = { applied: null, stopped: false };
      setFollowStopped(false);
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
    if (state.applied && !close(currentViewport(scene), state.applied)) stopFollowing();
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

  // "Accept mean" moved a note: ring it on every screen so everyone sees where it went.
  const accepted = useNewlyAccepted(view);

  // Spotlight: everyone is taken to the frame once when it is spotlighted; "Go there" repeats it.
  // An agenda step that points at a frame spotlights it: entering such a step moves everyone
  // again, even when an earlier step had already spotlighted the same frame.
  const spotlightId = view?.focus.spotlightFrameId ?? null;
  const stepFrame = view?.agenda.steps[view.agenda.current]?.focusFrameId ?? null;
  const spotlightVisit = `${spotlightId}|${stepFrame !== null && stepFrame === spotlightId ? view?.agenda.current : ""}`;
  const showFrame = (frameId: string) => {
    if (scene) void fitElementWhenShown(scene, frameId);
  };
  useEffect(() => {
    if (spotlightId) showFrame(spotlightId);
    // showFrame is recreated every render; only a new spotlight (or step) should move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spotlightVisit, scene]);

  useEffect(
    () => (import.meta.env.VITE_TEST_HOOKS === "true" ? installFacilitationTestHook(control, scene) : undefined),
    [control, scene],
  );

  if (!view) return null;
  const send = (command: Command) => {
    if (!control.send(command)) setRefusal("not connected");
  };
  const toggle = () => {
    rememberDockOpen(!open);
    setOpen(!open);
  };
  const isFacilitator = view.me.role === "facilitator";
  const step = view.agenda.steps[view.agenda.current];
  // Folded, the dock still says when something wants the person's attention.
  const waiting =
    view.vote?.status === "open"
      ? "Vote open"
      : view.scoring?.status === "open"
        ? "Scoring open"
        : view.rating?.status === "open"
          ? "Rating open"
          : null;
  return (
    <section className={`fac-dock${open ? " is-open" : ""}`} data-testid="facilitation" data-role={view.me.role} aria-label="Facilitation">
      <header className="fac-dock-head">
        <TimerBar control={control} view={view} {...(isFacilitator ? { send } : {})} />
        <button
          type="button"
          className="fac-toggle small"
          aria-expanded={open}
          aria-controls="fac-dock-body"
          data-testid="facilitate-toggle"
          title={open ? "Fold the session tools away" : "Show the session tools"}
          onClick={toggle}
        >
          {isFacilitator ? "Facilitate" : "Session"}
          <span className="fac-chevron" aria-hidden>
            {open ? "▴" : "▾"}
          </span>
        </button>
        {!open && waiting && (
          <p className="fac-step-row">
            <button type="button" className="fac-attention small" onClick={toggle}>
              {waiting}: show the tools
            </button>
          </p>
        )}
        {step && (
          <p className="fac-step-row">
            <span className="fac-step-count">
              Step {view.agenda.current + 1} of {view.agenda.steps.length}
            </span>
            <span className="fac-step" data-testid="fac-current-step" title={step.title}>
              {step.title}
            </span>
          </p>
        )}
      </header>
      <SessionBanners
        view={view}
        refusal={refusal}
        onShowSpotlight={showFrame}
        onStopFollowing={view.focus.followMe && !isFacilitator && !followStopped ? stopFollowing : null}
      />
      <NoteHighlight scene={scene} noteId={accepted} label="Placed at the agreed scores" />
      <FrameLockBadges scene={scene} />
      {/* Hidden, not unmounted: click-to-vote keeps working and drafts (agenda, minutes) survive folding. */}
      <div className="fac-dock-body" id="fac-dock-body" hidden={!open}>
        {isFacilitator && <FacilitatorTools view={view} scene={scene} templates={templates} send={send} doc={doc} />}
        <ParticipantTools view={view} scene={scene} name={name} send={send} />
        <PreworkInvite view={view} />
        <GroupStatus view={view} scene={scene} send={send} />
      </div>
      <GroupPicker view={view} send={send} />
    </section>
  );
}

/** The note whose scoring result most recently turned "accepted" (null until one does). */
function useNewlyAccepted(view: FacilitationView | null): string | null {
  const seen = useRef<Set<string> | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  const results = view?.scoring?.results ?? null;
  useEffect(() => {
    const now = new Set((results ?? []).filter((r) => r.accepted).map((r) => r.noteId));
    // The first view (a reload) shows no ring for notes accepted earlier.
    if (seen.current) for (const id of now) if (!seen.current.has(id)) setLatest(id);
    seen.current = now;
  }, [results]);
  return latest;
}
