import { useEffect, useState } from "react";
import type { BoardInfo } from "@quadrant/protocol";
import type { Identity } from "../app/localStore";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Peer } from "../collab/presence";
import { BoardCanvas } from "./BoardCanvas";
import type { BoardApi } from "./boardApi";
import { boardPanels } from "./panels";
import { installTestHook } from "./testHook";
import { installTemplatesTestHook } from "../templates/testHook";
import { ShareDialog } from "./ShareDialog";
import { TopBar } from "./TopBar";
import { FacilitationLayer } from "../facilitation/FacilitationLayer";
import { NotesLayer } from "../notes/NotesLayer";
import { useBoardSession, type SessionEnd } from "./useBoardSession";

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
    return () => {
      removeBoard();
      removeTemplates();
    };
  }, [session, scene]);

  useEffect(() => {
    if (following !== null && !peers.some((p) => p.clientId === following)) setFollowing(null);
  }, [peers, following]);

  if (!session) return <div className="splash">Opening board…</div>;

  const api: BoardApi = {
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
    <div className="board-page" data-role={info.role}>
      <TopBar
        info={info}
        me={{ name: identity.name, color: identity.color, role: info.role }}
        peers={peers}
        status={session.status}
        control={session.control}
        following={following}
        onFollow={setFollowing}
        actions={
          info.role === "facilitator" && (
            <button type="button" className="button small" onClick={() => setSharing(true)} data-testid="share-button">
              Share
            </button>
          )
        }
      />
      {sharing && <ShareDialog boardId={info.id} facilitatorToken={token} onClose={() => setSharing(false)} />}
      <div className="board-body">
        <BoardCanvas session={session} canEdit={editable && !locked} following={following} onScene={setScene} />
        <FacilitationLayer control={session.control} scene={scene} doc={session.doc} name={identity.name} onBoardLock={setLocked} />
        <NotesLayer scene={scene} doc={session.doc} control={session.control} canEdit={editable && !locked} />
        {panels.length > 0 && (
          <aside className="side-panels" data-testid="side-panels">
            {panels.map((panel) => (
              <section key={panel.id} className="side-panel" aria-label={panel.title}>
                <h2>{panel.title}</h2>
                {panel.render(api)}
              </section>
            ))}
          </aside>
        )}
      </div>
    </div>
  );
}
