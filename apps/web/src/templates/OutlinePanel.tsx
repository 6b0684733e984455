import { useRef } from "react";
import type { BoardApi } from "../board/boardApi";
import { fitElementToView } from "../board/fitView";
import { useFocusKey } from "../board/useFocusKey";
import { currentViewport } from "../facilitation/sceneHelpers";
import { outlineOf } from "./outline";
import { useBoardView } from "./useBoardView";
import { useLookers } from "./useLookers";
import { tidyAndTell } from "../notes/noteLayout";
import { colourMode } from "../notes/quickNote";

/**
 * Every template and theme frame on the board, with who is in it now (whose view centre is
 * there): a click fits this person's view to it; the
 * facilitator can also bring everyone there (focus.summon with the view fitted to the frame).
 * Shift+O outside a text field jumps here ("o" alone is Excalidraw's ellipse tool).
 */
export function OutlinePanel({ api }: { api: BoardApi }) {
  const entries = outlineOf(useBoardView(api.doc), api.scene?.api.getSceneElements() ?? [], useLookers(api.presence));
  const list = useRef<HTMLUListElement>(null);
  useFocusKey("O", list, true);
  const go = (frameId: string) => api.scene !== null && fitElementToView(api.scene, frameId);
  const bringEveryone = (frameId: string) => {
    const scene = api.scene;
    if (!scene || !go(frameId)) return;
    // Excalidraw applies the fitted scroll and zoom on its next render; read the view after it.
    requestAnimationFrame(() => api.control.send({ type: "focus.summon", viewport: currentViewport(scene) }));
  };
  const tidyFrame = (frameId: string) => {
    if (api.scene) tidyAndTell(api.scene, api.doc, { kind: "frame", frameId }, colourMode(api));
  };
  if (entries.length === 0) return <p className="small">No templates or themes yet.</p>;
  return (
    <ul className="outline-list" data-testid="outline" ref={list} tabIndex={-1} aria-label="frames on this board (Shift+O)">
      {entries.map((e) => (
        <li key={e.frameId} className="panel-row" data-testid={`outline-item-${e.frameId}`}>
          <button type="button" className="link-button outline-go" data-testid={`outline-go-${e.frameId}`} onClick={() => go(e.frameId)}>
            <strong>{e.title}</strong>
            <span className="small outline-meta">
              {e.kind} · {e.items} {e.items === 1 ? "note" : "notes"}
            </span>
            {e.here.length > 0 && (
              <span className="small outline-meta" data-testid={`outline-here-${e.frameId}`}>
                here now: {e.here.join(", ")}
              </span>
            )}
          </button>
          {api.canEdit && (
            <button type="button" className="small" data-testid={`outline-tidy-${e.frameId}`} title="Lay out this frame's notes without overlap, zone by zone (undo with Ctrl+Z)" onClick={() => tidyFrame(e.frameId)}>
              Tidy
            </button>
          )}
          {api.role === "facilitator" && (
            <button type="button" className="small" data-testid={`outline-summon-${e.frameId}`} title="Fit the frame in your view and bring everyone to it" onClick={() => bringEveryone(e.frameId)}>
              Bring everyone
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
