import { useEffect, useRef, useState } from "react";
import type { BoardInfo } from "@quadrant/protocol";
import type { Identity } from "../app/localStore";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Peer } from "../collab/presence";
import { BoardCanvas } from "./BoardCanvas";
import type { BoardApi } from "./boardApi";
import { boardPanels } from "./panels";
import { installTestHook } from "./testHook";
import { installBenchHook } from "./benchHook";
import { installTemplatesTestHook } from "../templates/testHook";
import { ShareDialog } from "./ShareDialog";
import { TopBar } from "./TopBar";
import { FacilitationLayer } from "../facilitation/FacilitationLayer";
import { CommentsLayer } from "../comments/CommentsLayer";
import { NotesLayer } from "../notes/NotesLayer";
import { useBoardSession, type SessionEnd } from "./useBoardSession";
import { Fold, FoldProvider } from "./Fold";
import { SideColumn } from "./SideColumn";
import { PresentationBar } from "../presentation/PresentationBar";
import { PresentButton } from "../presentation/PresentButton";
import { usePresentation } from "../presentation/usePresentation";
import "./layout.css";
import { usePresenceGroup } from "../groups/usePresenceGroup";

interface Props {
  info: BoardInfo;
  token: string;
  identity: Identity;
  editable: boolean;
  checkAccess: () => Promise<SessionEnd | null>;
  onEnd: (end: SessionEnd) => void;
}

export function BoardRoom({ info, token, identity, editable, checkAccess, onEnd }: Props) {
  const session = useBoardSession(info.id, token, info.role, identity, checkAccess, onEnd);
  const [scene, setScene] = useState<ExcalidrawScene | null>(null);
  const [peers, setPeers] = useState<readonly Peer[]>([]);
  const [following, setFollowing] = useState<number | null>(null);
  // The facilitator's board lock (server-enforced); the canvas goes read-only so no edit is dropped silently.
  const [locked, setLocked] = useState(false);
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
  useEffect(() => {
    if (import.meta.env.VITE_TEST_HOOKS !== "true" || !session || !scene) return undefined;
    const removeBoard = installTestHook(session.doc, scene);
    const removeTemplates = installTemplatesTestHook({ doc: session.doc, scene });
    const removeBench = installBenchHook(session.doc, scene, session.presence);
    return () => {
      removeBench();
      removeBoard();
      removeTemplates();
    };
  }, [session, scene]);

  // My group beside my name on everyone's avatars (display only; the server's roster is the truth).
  usePresenceGroup(session?.presence ?? null, session?.control ?? null);

  useEffect(() => {
    if (following !== null && !peers.some((p) => p.clientId === following)) setFollowing(null);
  }, [peers, following]);

  // Until the session exists (one render), the page is drawn with its canvas alone, so Excalidraw
  // starts at once instead of a render later: on a big board its start-up and the first sync are
  // the open's critical path (issue 17).
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
  const panels = boardPanels.filter(
    (p) => (!p.roles || p.roles.includes(info.role)) && (!p.templates || p.templates.includes(info.template)),
  );

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
          session && info.role === "facilitator" && (
            <>
              <PresentButton control={session.control} doc={session.doc} />
              <button type="button" className="button small" onClick={() => setSharing(true)} data-testid="share-button">
                Share
              </button>
            </>
          )
        }
      />
      {sharing && <ShareDialog boardId={info.id} facilitatorToken={token} onClose={() => setSharing(false)} />}
      <div className="board-body" ref={body}>
        <BoardCanvas session={session} canEdit={editable && !locked} following={following} presenting={presenting} onScene={setScene} />
        {session && api && (
          <>
            <CommentsLayer control={session.control} scene={scene} peers={peers} />
            <NotesLayer scene={scene} doc={session.doc} control={session.control} canEdit={editable && !locked} />
            {presentation && <PresentationBar presentation={presentation} control={session.control} doc={session.doc} />}
            <SideColumn>
              <FacilitationLayer control={session.control} scene={scene} doc={session.doc} name={identity.name} onBoardLock={setLocked} />
              {panels.length > 0 && (
                <div className="side-panels" id="side-panels" data-testid="side-panels">
                  {panels.map((panel) => (
                    <Fold key={panel.id} id={panel.id} title={panel.title} level={2} className="side-panel">
                      {panel.render(api)}
                    </Fold>
                  ))}
                </div>
              )}
            </SideColumn>
          </>
        )}
      </div>
    </div>
    </FoldProvider>
  );
}
