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
 * panel, the agenda's frame picker and presentation mode all use this one order.
 */
export function outlineEntries(view: BoardView): OutlineEntry[] {
  const templates = [...view.templates].sort((a, b) => a.createdAt - b.createdAt).map((t) => ({
    frameId: t.frameId,
    kind: TEMPLATE_KIND_LABELS[t.kind],
    title: t.title,
    items: view.notes.filter((n) => n.templateId === t.id).length,
  }));
  const themes = view.themes.map((t) => ({ frameId: t.theme.frameId, kind: "Theme", title: t.theme.name || "Untitled theme", items: t.notes.length }));
  return [...templates, ...themes];
}
