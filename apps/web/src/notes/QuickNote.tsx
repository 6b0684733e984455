import { useEffect, useRef, useState } from "react";
import type { BoardApi } from "../board/boardApi";
import { useFocusKey } from "../board/useFocusKey";
import { type QuickNoteAim, addQuickNote, aimQuickNote, colourMode } from "./quickNote";
import { tidyAndTell } from "./noteLayout";
import { useClickedZone } from "./useClickedZone";

/** The selection as a string, so the aim is recomputed only when it changes (onChange fires on every pointer move). */
function useSelectionKey(api: Pick<BoardApi, "scene">): string {
  const [key, setKey] = useState("");
  const { scene } = api;
  useEffect(() => {
    if (!scene) return undefined;
    return scene.api.onChange((_elements, appState) => {
      const next = Object.keys(appState.selectedElementIds).sort().join(",");
      setKey((before) => (before === next ? before : next));
    });
  }, [scene]);
  return key;
}

const WHERE: Record<QuickNoteAim["kind"], string> = { zone: "Into", beside: "Next to", view: "Near the" };

/**
 * "n", type, Enter: a sticky that places itself (RULE 32), reads (RULE 35) and takes its colour
 * (RULE 36). The line under the field says where the next note goes; a click in a zone aims it
 * there (× forgets it), and "Tidy" lays that zone out (RULE 34).
 */
export function QuickNote({ api }: { api: BoardApi }) {
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const [clicked, clearClicked] = useClickedZone(api);
  const selection = useSelectionKey(api);
  // "n" jumps to the quick-note field (Excalidraw binds no "n").
  useFocusKey("n", input, api.canEdit);
  const aim = aimQuickNote(api, clicked);
  void selection; // re-render on selection changes so the aim line follows it
  const add = () => {
    const words = text.trim();
    if (words === "") return;
    addQuickNote(api, words, aimQuickNote(api, clicked));
    setText("");
    // back to the canvas so the next "n" works and the note can be dragged at once
    input.current?.blur();
  };
  const tidyZone = () => {
    if (api.scene && clicked) tidyAndTell(api.scene, api.doc, { kind: "zone", templateId: clicked.templateId, zoneId: clicked.zone.id }, colourMode(api));
  };
  return (
    <div className="quick-note">
      <input
        aria-label="new note"
        data-testid="quick-note"
        ref={input}
        placeholder="New note… (n, type, Enter)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && add()}
      />
      {/* On a phone or tablet there is no Enter key in sight: a button to tap (issue #15). */}
      <button type="button" className="quick-note-add" data-testid="quick-note-add" disabled={text.trim() === ""} onClick={add}>
        Add note
      </button>
      <div className="quick-note-aim small" data-testid="quick-note-aim" data-kind={aim.kind} aria-live="polite">
        <span>
          {WHERE[aim.kind]} <strong>{aim.label}</strong>
          {aim.kind === "view" && <span className="quick-note-hint"> · click a zone to add into it</span>}
        </span>
        {aim.kind === "zone" && (
          <>
            <button type="button" className="small" data-testid="tidy-zone" title={`Lay out the notes in ${aim.label} without overlap (undo with Ctrl+Z)`} onClick={tidyZone}>
              Tidy
            </button>
            <button type="button" className="small link-button" aria-label="forget the targeted zone" data-testid="quick-note-aim-clear" onClick={clearClicked}>
              ×
            </button>
          </>
        )}
      </div>
    </div>
  );
}
