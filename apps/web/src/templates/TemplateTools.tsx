import { useEffect, useRef, useState } from "react";
import { TEMPLATE_INSTANCE_KINDS, type TemplateInstanceKind, templatesMap } from "@quadrant/board-model";
import { DEFAULT_TEMPLATE_SIZE, buildStickyNote, buildTemplate } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { browserContext } from "./docWrites";

const LABELS: Record<TemplateInstanceKind, string> = {
  "impact-effort": "Impact / effort matrix",
  swot: "SWOT",
  "theme-map": "Theme map",
  "health-scorecard": "Technical health scorecard",
};

function insertTemplate(api: BoardApi, kind: TemplateInstanceKind, centre: { x: number; y: number }): void {
  const size = DEFAULT_TEMPLATE_SIZE;
  const built = buildTemplate(kind, { x: centre.x - size.width / 2, y: centre.y - size.height / 2 }, size, browserContext());
  api.write.addStructure({ elements: built.elements, templates: [built.instance] });
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

/** "n" anywhere but in a text field jumps to the quick-note field (Excalidraw binds no "n"). */
function useQuickNoteKey(input: React.RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "n" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      e.preventDefault();
      e.stopPropagation();
      input.current?.focus();
    };
    // capture: before Excalidraw's own key handling sees it
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [input, enabled]);
}

/** "Insert template here" and a quick sticky note at the middle of the view ("n", type, Enter). */
export function TemplateTools({ api }: { api: BoardApi }) {
  useInitialTemplate(api);
  const [kind, setKind] = useState<TemplateInstanceKind>(api.info.template === "blank" ? "impact-effort" : api.info.template);
  const [text, setText] = useState("");
  const noteInput = useRef<HTMLInputElement>(null);
  useQuickNoteKey(noteInput, api.canEdit);
  if (!api.canEdit) return null;
  const centre = () => {
    const v = api.scene?.viewport();
    return v ? { x: v.cx, y: v.cy } : { x: 0, y: 0 };
  };
  const addNote = () => {
    if (text.trim() === "") return;
    const c = centre();
    // Slightly scattered so several quick notes do not hide each other.
    const jitter = () => (Math.random() - 0.5) * 120;
    const note = buildStickyNote({ x: c.x + jitter(), y: c.y + jitter() }, text.trim(), {}, browserContext());
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
      <div className="panel-row">
        <select aria-label="template kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateInstanceKind)}>
          {TEMPLATE_INSTANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {LABELS[k]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => insertTemplate(api, kind, centre())}>
          Insert here
        </button>
      </div>
    </div>
  );
}
