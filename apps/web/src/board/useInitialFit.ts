import { type RefObject, useEffect, useRef, useState } from "react";
import { elementsMap } from "@quadrant/board-model";
import type { ExcalidrawScene, Viewport } from "../collab/excalidrawScene";
import { fitBoardToView } from "./fitView";
import type { BoardSession } from "./useBoardSession";

/**
 * What happened to the first view of the board: still waiting for the initial
 * sync, fitted to the content, or left alone (empty board, or the person or a
 * facilitator's "follow me" moved the view first).
 */
export type InitialView = "pending" | "fitted" | "kept";

/** How long after the initial sync the content may take to reach the canvas before we give up. */
const SETTLE_MS = 4000;
/** Once some content is on the canvas, how long to wait for the rest before fitting what is there. */
const PARTIAL_MS = 800;

const sameView = (a: Viewport, b: Viewport) =>
  Math.abs(a.cx - b.cx) < 1 && Math.abs(a.cy - b.cy) < 1 && Math.abs(a.zoom - b.zoom) < 0.001;

/**
 * Fits the board into the view once, on first open: after the initial sync (or
 * at once when offline with what this browser kept), so a template arrives
 * framed with a margin instead of filling the screen under Excalidraw's menus.
 * Never again afterwards: remote updates do not move anyone's view, and a person
 * who already scrolled, zoomed or started drawing keeps their view.
 */
export function useInitialFit(
  scene: ExcalidrawScene | null,
  session: BoardSession | null,
  bound: boolean,
  container: RefObject<HTMLElement | null>,
): InitialView {
  const [state, setState] = useState<InitialView>("pending");
  // Survives the binding restarting (e.g. the board lock toggling edit rights): one fit per page.
  const done = useRef(false);
  // Not `session` itself: it is a new object on every status change, which must not restart this.
  const doc = session?.doc;
  const connection = session?.connection;

  useEffect(() => {
    if (!scene || !doc || !connection || !bound || done.current) return;
    const provider = connection.provider;
    const baseline = scene.viewport();
    let interacted = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frame = 0;
    let scheduled = false;
    const liveElements = () => [...elementsMap(doc).values()].filter((e) => e.isDeleted !== true).length;

    const finish = (result: InitialView) => {
      done.current = true;
      setState(result);
      cleanup();
    };
    const moved = () => interacted || !sameView(scene.viewport(), baseline);

    const waitForContent = (expected: number, since: number, firstSeen: number | null) => {
      frame = requestAnimationFrame(() => {
        if (moved()) return finish("kept");
        const now = performance.now();
        const shown = scene.api.getSceneElements().length;
        const seen = shown > 0 ? (firstSeen ?? now) : null;
        if (shown >= expected || (seen !== null && now - seen > PARTIAL_MS)) {
          return finish(fitBoardToView(scene) ? "fitted" : "kept");
        }
        if (now - since > SETTLE_MS) return finish("kept");
        waitForContent(expected, since, seen);
      });
    };

    // A tick later: other "sync" listeners (the facilitator's first template) have written by then.
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      timer = setTimeout(() => {
        timer = null;
        const expected = liveElements();
        if (expected === 0) return finish("kept");
        waitForContent(expected, performance.now(), null);
      }, 0);
    };

    // Every live element of the document already on the canvas: fit in this task, so Excalidraw's
    // next render, which draws them, draws them fitted. Its first draw of the board is then the
    // fitted one, not a draw at the default view followed by the fitted one (issue 17; a
    // 2,000-element open drew ~300 elements at zoom 1 first, ~200 ms).
    const fittedNow = (): boolean => {
      if (moved()) {
        finish("kept"); // the person scrolled or zoomed while the board was loading: their view stays
        return true;
      }
      const expected = liveElements();
      if (expected === 0 || scene.api.getSceneElements().length < expected) return false;
      finish(fitBoardToView(scene) ? "fitted" : "kept");
      return true;
    };

    // The binding applies the synced document in the same task, before "sync" is emitted.
    const onSync = (synced: boolean) => {
      if (synced && !fittedNow()) schedule();
    };
    const onStatus = (status: string) => {
      if (status === "offline") schedule();
    };
    const onInteract = () => {
      interacted = true;
    };
    const target = container.current;
    const events = ["pointerdown", "wheel", "keydown", "touchstart"] as const;
    for (const name of events) target?.addEventListener(name, onInteract, { capture: true, passive: true });
    provider.on("sync", onSync);
    const unsubscribe = connection.subscribe(onStatus);

    function cleanup() {
      for (const name of events) target?.removeEventListener(name, onInteract, { capture: true });
      provider.off("sync", onSync);
      unsubscribe();
      if (timer) clearTimeout(timer);
      cancelAnimationFrame(frame);
    }

    if (provider.synced || connection.status === "offline") {
      // The document synced before the canvas was ready: the binding, whose effect runs just
      // before this one (BoardCanvas calls this hook after it), has put it all on the canvas
      // without a render yet.
      if (fittedNow()) return cleanup;
      schedule();
    }
    return cleanup;
  }, [scene, doc, connection, bound, container]);

  return state;
}
