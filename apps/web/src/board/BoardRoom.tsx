import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { BoardInfo } from "@quadrant/protocol";
import type { Identity } from "../app/localStore";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Peer } from "../collab/presence";
import { BoardCanvas } from "./BoardCanvas";
import type { BoardApi } from "./boardApi";
import { installTestHook } from "./testHook";
import { installBenchHook } from "./benchHook";
import { ShareDialog } from "./ShareDialog";
import { TopBar } from "./TopBar";
import { useBoardSession, type SessionEnd } from "./useBoardSession";
import { useLayersReady } from "./useLayersReady";
import type { InitialView } from "./useInitialFit";
import { useBoardLocked } from "./useBoardLocked";
import { FoldProvider } from "./Fold";
import { SideColumn } from "./SideColumn";
import { usePresentation } from "../presentation/usePresentation";
import "./layout.css";

// The layers and panels around the canvas, in their own chunk, loaded once the board is shown.
const BoardOverlays = lazy(() => import("./BoardLayers"));
const BoardTools = lazy(() => import("./BoardLayers").then((m) => ({ default: m.BoardTools })));
const FacilitatorActions = lazy(() => import("./BoardLayers").then((m) => ({ default: m.FacilitatorActions })));

interface Props {
  info: BoardInfo;
  token: string;
  identity: Identity;
  editable: boolean;
  checkAccess: () => Promise<SessionEnd | null>;
  onEnd: (end: SessionEnd) => void;
}

export function BoardRoom({ info, token, identity, editable, checkAccess, onEnd }: Props) {
  const session = useBoardSession(info.id, token, info.role, info.template, identity, checkAccess, onEnd);
  const [initialView, setInitialView] = useState<InitialView>("pending");
  const layersReady = useLayersReady(session, initialView);
  const [scene, setScene] = useState<ExcalidrawScene | null>(null);
  const [peers, setPeers] = useState<readonly Peer[]>([]);
  const [following, setFollowing] = useState<number | null>(null);
  const locked = useBoardLocked(session?.control ?? null);
  const [sharing, setSharing] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const presentation = usePresentation(session?.control ?? null, scene, body);
  // While this screen follows a presentation, the canvas takes the whole window.
  const presenting = presentation?.following === true;

  useEffect(() => {
    if (!session) return;
    const update = () => setPeers(session.presence.peers());
    update();
    return session.presence.subscribe(update);
  }, [session]);

  // Test hooks exist only in the e2e build (.env.e2e): a production bundle has none of them.
  // The templates' hook comes with the layers (BoardLayers).
  useEffect(() => {
    if (import.meta.env.VITE_TEST_HOOKS !== "true" || !session || !scene) return undefined;
    const removeBoard = installTestHook(session.doc, scene);
    const removeBench = installBenchHook(session.doc, scene, session.presence);
    return () => {
      removeBench();
      removeBoard();
    };
  }, [session, scene]);

  useEffect(() => {
    if (following !== null && !peers.some((p) => p.clientId === following)) setFollowing(null);
  }, [peers, following]);

  // Until the session exists (one render), the page is drawn with its canvas and an empty tools
  // column, so Excalidraw starts at once instead of a render later; the layers and panels come
  // once the board is shown. On a big board Excalidraw's start-up, the first sync and the first
  // draw are the open's critical path (issue 17).
  const api: BoardApi | null = session && {
    info,
    role: info.role,
    canEdit: editable,
    doc: session.doc,
    provider: session.connection.provider,
    token,
    presence: session.presence,
    scene,
    status: session.status,
    control: session.control,
    write: session.writer,
  };

  return (
    <FoldProvider>
    <div className="board-page" data-role={info.role} data-presenting={presenting ? "true" : "false"}>
      <TopBar
        info={info}
        me={{ name: identity.name, color: identity.color, role: info.role }}
        peers={peers}
        status={session?.status ?? "connecting"}
        control={session?.control ?? null}
        following={following}
        onFollow={setFollowing}
        actions={
          session && layersReady && info.role === "facilitator" && (
            <Suspense fallback={null}>
              <FacilitatorActions control={session.control} doc={session.doc} onShare={() => setSharing(true)} />
            </Suspense>
          )
        }
      />
      {sharing && <ShareDialog boardId={info.id} facilitatorToken={token} onClose={() => setSharing(false)} />}
      <div className="board-body" ref={body}>
        <BoardCanvas session={session} canEdit={editable && !locked} following={following} presenting={presenting} onScene={setScene} onInitialView={setInitialView} />
        {api && layersReady && (
          <Suspense fallback={null}>
            <BoardOverlays api={api} scene={scene} peers={peers} canEdit={editable && !locked} presentation={presentation} />
          </Suspense>
        )}
        <SideColumn>
          {api && layersReady ? (
            <Suspense fallback={<ToolsLoading />}>
              <BoardTools api={api} scene={scene} name={identity.name} />
            </Suspense>
          ) : (
            <ToolsLoading />
          )}
        </SideColumn>
      </div>
    </div>
    </FoldProvider>
  );
}

/**
 * The tools column until its content has loaded: the sheet already takes its place on a narrow
 * screen (layout.css), so the canvas is fitted at the size it keeps.
 */
function ToolsLoading() {
  return (
    <div className="side-panels tools-loading" id="side-panels" aria-busy="true">
      Loading tools…
    </div>
  );
}
