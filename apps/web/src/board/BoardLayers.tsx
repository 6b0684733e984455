/*
 * The board page's layers: what it shows over and around its canvas. BoardRoom loads this module
 * once the board is shown (useLayersReady, issue 17): these are over half of the page's own code,
 * and evaluating and rendering them while the page started delayed Excalidraw's start-up, the first
 * sync and the canvas's first draw, which they do not need. The tools column itself is BoardRoom's, there from the first
 * render, so the canvas never changes size when they arrive. Rules of the board (the first
 * template, the board lock) live with the session, not here.
 */
import { useEffect } from "react";
import type * as Y from "yjs";
import type { Role, TemplateKind } from "@quadrant/protocol";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import type { Peer } from "../collab/presence";
import type { ControlChannel } from "../facilitation/controlChannel";
import { FacilitationLayer } from "../facilitation/FacilitationLayer";
import { CommentsLayer } from "../comments/CommentsLayer";
import { NotesLayer } from "../notes/NotesLayer";
import { PresentationBar } from "../presentation/PresentationBar";
import { PresentButton } from "../presentation/PresentButton";
import type { Presentation } from "../presentation/usePresentation";
import { usePresenceGroup } from "../groups/usePresenceGroup";
import { installTemplatesTestHook } from "../templates/testHook";
import type { BoardApi } from "./boardApi";
import { Fold } from "./Fold";
import { boardPanels } from "./panels";

/** Over the canvas: comments, notes, the presentation bar. */
export default function BoardOverlays({ api, scene, peers, canEdit, presentation }: {
  api: BoardApi;
  scene: ExcalidrawScene | null;
  peers: readonly Peer[];
  /** The role may edit and the facilitator has not locked the board. */
  canEdit: boolean;
  presentation: Presentation | null;
}) {
  const { control, doc } = api;
  // My group beside my name on everyone's avatars (display only; the server's roster is the truth).
  usePresenceGroup(api.presence, control);

  // Test hooks exist only in the e2e build (.env.e2e): a production bundle has none of them.
  useEffect(() => {
    if (import.meta.env.VITE_TEST_HOOKS !== "true" || !scene) return undefined;
    return installTemplatesTestHook({ doc, scene });
  }, [doc, scene]);

  return (
    <>
      <CommentsLayer control={control} scene={scene} peers={peers} />
      <NotesLayer scene={scene} doc={doc} control={control} canEdit={canEdit} />
      {presentation && <PresentationBar presentation={presentation} control={control} doc={doc} />}
    </>
  );
}

/** The tools column's content: the facilitation dock, then the side panels this role and template get. */
export function BoardTools({ api, scene, name }: {
  api: BoardApi;
  scene: ExcalidrawScene | null;
  /** This person's display name (facilitation's hand raise and votes show it). */
  name: string;
}) {
  const panels = panelsFor(api.info.role, api.info.template);
  return (
    <>
      <FacilitationLayer control={api.control} scene={scene} doc={api.doc} name={name} />
      {panels.length > 0 && (
        <div className="side-panels" id="side-panels" data-testid="side-panels">
          {panels.map((panel) => (
            <Fold key={panel.id} id={panel.id} title={panel.title} level={2} className="side-panel">
              {panel.render(api)}
            </Fold>
          ))}
        </div>
      )}
    </>
  );
}

function panelsFor(role: Role, template: TemplateKind) {
  return boardPanels.filter((p) => (!p.roles || p.roles.includes(role)) && (!p.templates || p.templates.includes(template)));
}

/** The facilitator's buttons in the top bar (Present reads the board's frames and outline). */
export function FacilitatorActions({ control, doc, onShare }: { control: ControlChannel; doc: Y.Doc; onShare: () => void }) {
  return (
    <>
      <PresentButton control={control} doc={doc} />
      <button type="button" className="button small" onClick={onShare} data-testid="share-button">
        Share
      </button>
    </>
  );
}
