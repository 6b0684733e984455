import { useEffect, useRef, useState } from "react";
import { TEMPLATE_INSTANCE_KINDS, type TemplateInstanceKind, templatesMap } from "@quadrant/board-model";
import { DEFAULT_TEMPLATE_SIZE, NOTE_SIZE, type Point, buildStickyNote, buildTemplate } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { fitElementWhenShown } from "../board/fitView";
import { useFocusKey } from "../board/useFocusKey";
import { browserContext } from "./docWrites";
import { noteCentre, templateOrigin, viewCentre } from "./placeNew";

/** How the panels name each kind of template. */
export const TEMPLATE_KIND_LABELS: Record<TemplateInstanceKind, string> = {
  "impact-effort": "Impact / effort matrix",
  swot: "SWOT",
  "theme-map": "Theme map",
  "health-scorecard": "Technical health scorecard",
};

/** A new template goes into free space near the middle of the view, and the inserter's view fits it. */
function insertTemplate(api: BoardApi, kind: TemplateInstanceKind, near: Point): void {
  const size = DEFAULT_TEMPLATE_SIZE;
  const built = buildTemplate(kind, templateOrigin(api, size, near), size, browserContext());
  api.write.addStructure({ elements: built.elements, templates: [built.instance] });
  if (api.scene) void fitElementWhenShown(api.scene, built.instance.frameId);
}

/**
 * A board created from a template gets its instance once the first facilitator is in sync
 * with the server (so an existing board is never given a second one).
 */
function useInitialTemplate(api: BoardApi): void {
  const { provider, doc, info, role, write } = api;
  useEffect(() => {
    if (info.template === "blank" || role !== "facilitator") return;
    const kind = info.template;
    const onSynced = (synced: boolean) => {
      if (!synced || templatesMap(doc).size > 0) return;
      const built = buildTemplate(kind, { x: 0, y: 0 }, DEFAULT_TEMPLATE_SIZE, browserContext());
      write.addStructure({ elements: built.elements, templates: [built.instance] });
    };
    if (provider.synced) onSynced(true);
    provider.on("sync", onSynced);
    return () => provider.off("sync", onSynced);
  }, [provider, doc, info.template, role, write]);
}

/** "Insert template here" (in free space near the view's middle) and a quick sticky note in a free slot there ("n", type, Enter). */
export function TemplateTools({ api }: { api: BoardApi }) {
  useInitialTemplate(api);
  const [kind, setKind] = useState<TemplateInstanceKind>(api.info.template === "blank" ? "impact-effort" : api.info.template);
  const [text, setText] = useState("");
  const noteInput = useRef<HTMLInputElement>(null);
  // "n" jumps to the quick-note field (Excalidraw binds no "n").
  useFocusKey("n", noteInput, api.canEdit);
  if (!api.canEdit) return null;
  const addNote = () => {
    if (text.trim() === "") return;
    // The free slot nearest the middle of the view: never on another note or a zone border.
    const at = noteCentre(api, NOTE_SIZE, viewCentre(api));
    const note = buildStickyNote(at, text.trim(), {}, browserContext());
    api.write.addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: note.data }] });
    setText("");
    // back to the canvas so the next "n" works and the note can be dragged at once
    noteInput.current?.blur();
  };
  return (
    <div className="panel-stack">
      <input
        aria-label="new note"
        data-testid="quick-note"
        ref={noteInput}
        placeholder="New note… (n, type, Enter)"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && addNote()}
      />
      {/* On a phone or tablet there is no Enter key in sight: a button to tap (issue #15). */}
      <button type="button" className="quick-note-add" data-testid="quick-note-add" disabled={text.trim() === ""} onClick={addNote}>
        Add note
      </button>
      <div className="panel-row">
        <select aria-label="template kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateInstanceKind)}>
          {TEMPLATE_INSTANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {TEMPLATE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => insertTemplate(api, kind, viewCentre(api))}>
          Insert here
        </button>
      </div>
    </div>
  );
}
