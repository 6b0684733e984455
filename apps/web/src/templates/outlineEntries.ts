import type { BoardView } from "@quadrant/templates";
import { TEMPLATE_KIND_LABELS } from "./TemplateTools";

/** One line of the outline: a template frame or a theme frame. */
export interface OutlineEntry {
  frameId: string;
  kind: string;
  title: string;
  items: number;
}

/**
 * The board's frames in outline order: templates as they were inserted, then themes. The outline
 * panel, the agenda's frame picker and presentation mode all use this one order. One pass over
 * the notes, so it stays well under a frame on a 2,000-element board (e2e/bench-board.ts).
 */
export function outlineEntries(view: BoardView): OutlineEntry[] {
  const notesPer = new Map<string, number>();
  for (const n of view.notes) if (n.templateId) notesPer.set(n.templateId, (notesPer.get(n.templateId) ?? 0) + 1);
  const templates = [...view.templates].sort((a, b) => a.createdAt - b.createdAt).map((t) => ({
    frameId: t.frameId,
    kind: TEMPLATE_KIND_LABELS[t.kind],
    title: t.title,
    items: notesPer.get(t.id) ?? 0,
  }));
  const themes = view.themes.map((t) => ({ frameId: t.theme.frameId, kind: "Theme", title: t.theme.name || "Untitled theme", items: t.notes.length }));
  return [...templates, ...themes];
}
