import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Excalidraw } from "@excalidraw/excalidraw";
import type { AppState, ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import type { OrderedExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import "@excalidraw/excalidraw/index.css";
import { elementsMap, filesMap } from "@quadrant/board-model";
import { ElementBinding } from "../collab/elementBinding";
import { ExcalidrawScene } from "../collab/excalidrawScene";
import { FileSync } from "../collab/fileSync";
import type { BoardSession } from "./useBoardSession";
import { type InitialView, useInitialFit } from "./useInitialFit";
import { useSelectionClearOfStylePanel } from "./useSelectionClearOfStylePanel";

/** A constant, so it never makes Excalidraw re-render (its memo compares these by value). */
const UI_OPTIONS = { canvasActions: { loadScene: false, saveToActiveFile: false, export: false } } as const;

interface Props {
  /** Null while the session is being set up: Excalidraw starts meanwhile, and the board binds once both are ready. */
  session: BoardSession | null;
  canEdit: boolean;
  /** Client id whose viewport we follow, or null. */
  following: number | null;
  /** A presentation fills the screen: Excalidraw's toolbars step aside (view and zen mode; a tap still votes). */
  presenting?: boolean;
  onScene: (scene: ExcalidrawScene | null) => void;
  /** What became of the first view (useInitialFit): the board room renders its panels once it is decided. */
  onInitialView?: (view: InitialView) => void;
}

/**
 * The Excalidraw canvas wired to the board document. The binding starts only
 * once IndexedDB has loaded AND Excalidraw has finished its own start-up:
 * `initializeScene` replaces the scene with `initialData` when it completes, so
 * anything applied (or drawn) before that is wiped (the late-joiner blank
 * canvas). Excalidraw calls `onChange` only once `isLoading` is false, so the
 * first `onChange` is the signal.
 */
export function BoardCanvas({ session, canEdit, following, presenting = false, onScene, onInitialView }: Props) {
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const scene = useMemo(() => (api ? new ExcalidrawScene(api) : null), [api]);
  const hooks = useRef<{ onChange: () => void }>({ onChange: () => undefined });
  const lastSelection = useRef("");
  const [initialized, setInitialized] = useState(false);
  const fontsRequested = useRef(false);
  const container = useRef<HTMLElement>(null);
  const localLoaded = session?.localLoaded === true;
  const bound = scene !== null && localLoaded && initialized;
  useSelectionClearOfStylePanel(scene, container);

  useEffect(() => {
    onScene(scene);
    return () => onScene(null);
  }, [scene, onScene]);

  const doc = session?.doc;
  const privateNotes = session?.privateNotes;
  const presence = session?.presence;
  useEffect(() => {
    if (!scene || !doc || !privateNotes || !localLoaded || !initialized) return;
    const binding = new ElementBinding<OrderedExcalidrawElement>({
      map: elementsMap(doc),
      scene,
      canWrite: canEdit,
      divert: privateNotes,
    });
    const elements = elementsMap(doc);
    // An image's bytes are shared once an element in the document shows it (not while its element is held).
    const shown = (fileId: string) => {
      for (const element of elements.values()) if (element.fileId === fileId && element.isDeleted !== true) return true;
      return false;
    };
    const files = new FileSync(filesMap(doc), scene, canEdit, undefined, shown);
    binding.start();
    files.start();
    hooks.current.onChange = () => {
      binding.onLocalChange();
      files.onLocalChange();
    };
    // A held image (private brainstorm) becomes shareable when the reveal puts its element in the
    // document. That changes nothing on its author's canvas, so Excalidraw reports no change: ask again.
    const recheckFiles = () => files.onLocalChange();
    elements.observe(recheckFiles);
    return () => {
      elements.unobserve(recheckFiles);
      hooks.current.onChange = () => undefined;
      binding.flush();
      binding.destroy();
      files.destroy();
    };
  }, [scene, localLoaded, doc, privateNotes, canEdit, initialized]);

  // After the binding's effect, on purpose: on open it fits the view in the same task as the
  // binding's first apply, so Excalidraw draws the board once, already fitted (useInitialFit).
  const initialView = useInitialFit(scene, session, bound, container);
  useEffect(() => onInitialView?.(initialView), [initialView, onInitialView]);

  // Presence → Excalidraw collaborators; re-drawn every few seconds so idle cursors fade.
  useEffect(() => {
    if (!scene || !presence) return;
    const render = () => {
      const peers = presence.peers();
      scene.showPeers(peers, Date.now());
      const leader = peers.find((p) => p.clientId === following);
      if (leader?.state.viewport) scene.showViewport(leader.state.viewport);
    };
    render();
    const unsubscribe = presence.subscribe(render);
    const interval = setInterval(render, 5000);
    return () => {
      unsubscribe();
      clearInterval(interval);
    };
  }, [scene, presence, following]);

  // Excalidraw re-renders its whole app when a prop changes identity (a shallow memo), and this
  // component re-renders on every session change while the board loads: its callbacks are
  // stable and read the current session and scene from here.
  const current = useRef({ session, scene });
  useLayoutEffect(() => {
    current.current = { session, scene };
  });

  const onChange = useCallback((_elements: unknown, appState: AppState) => {
    if (!fontsRequested.current) {
      fontsRequested.current = true;
      // Text measured before its font has loaded comes out too narrow (cut off),
      // so the default hand-drawn font is loaded (from /fonts/, never a CDN) before
      // the board counts as ready; capped so a slow font never blocks the board.
      void Promise.race([
        document.fonts.load("20px Excalifont").catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 3000)),
      ]).then(() => setInitialized(true));
    }
    hooks.current.onChange();
    const { session } = current.current;
    const selection = Object.keys(appState.selectedElementIds).sort().join(",");
    if (session && selection !== lastSelection.current) {
      lastSelection.current = selection;
      const ids = selection === "" ? [] : selection.split(",");
      // During a private brainstorm even the id of a held note must not reach other browsers.
      const shared = session.privateNotes.active() ? ids.filter((id) => elementsMap(session.doc).has(id)) : ids;
      session.presence.setSelection(shared);
    }
  }, []);
  const onPointerUpdate = useCallback(({ pointer, button }: { pointer: { x: number; y: number }; button: "down" | "up" }) => {
    current.current.session?.presence.setPointer({ x: pointer.x, y: pointer.y }, button);
  }, []);
  const onScrollChange = useCallback(() => {
    const { session, scene } = current.current;
    if (session && scene) session.presence.setViewport(scene.viewport());
  }, []);

  return (
    <main
      ref={container}
      className="canvas"
      aria-label="Board canvas"
      data-testid="board-canvas"
      data-ready={bound ? "true" : "false"}
      data-initial-view={initialView}
    >
      <Excalidraw
        excalidrawAPI={setApi}
        viewModeEnabled={!canEdit || presenting}
        zenModeEnabled={presenting}
        isCollaborating
        UIOptions={UI_OPTIONS}
        onChange={onChange}
        onPointerUpdate={onPointerUpdate}
        onScrollChange={onScrollChange}
      />
    </main>
  );
}
