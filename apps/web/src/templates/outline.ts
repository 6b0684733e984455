import { type BoardView, type Looker, type Rect, peopleInFrames, rectOf } from "@quadrant/templates";
import { TEMPLATE_KIND_LABELS } from "./TemplateTools";

/** One line of the outline: a template frame or a theme frame, and who is in it now. */
export interface OutlineEntry {
  frameId: string;
  kind: string;
  title: string;
  items: number;
  here: string[];
}

/** The frame elements the canvas shows (id, type and box are all the outline reads). */
type FrameLike = { id: string; type: string; x: number; y: number; width: number; height: number };

/**
 * What the Outline panel lists: templates (oldest first) then themes, each with its note count
 * and the people whose view centre is in its frame. One pass over the notes and the canvas,
 * so it stays well under a frame on a 2,000-element board (measured by e2e/bench-board.ts).
 */
export function outlineOf(view: BoardView, shown: readonly FrameLike[], lookers: readonly Looker[]): OutlineEntry[] {
  const notesPer = new Map<string, number>();
  for (const n of view.notes) if (n.templateId) notesPer.set(n.templateId, (notesPer.get(n.templateId) ?? 0) + 1);
  const frames = new Map<string, Rect>();
  for (const e of shown) if (e.type === "frame") frames.set(e.id, rectOf(e));
  const inFrame = peopleInFrames(frames, lookers);
  const templates = [...view.templates].sort((a, b) => a.createdAt - b.createdAt).map((t) => ({
    frameId: t.frameId,
    kind: TEMPLATE_KIND_LABELS[t.kind],
    title: t.title,
    items: notesPer.get(t.id) ?? 0,
  }));
  const themes = view.themes.map((t) => ({ frameId: t.theme.frameId, kind: "Theme", title: t.theme.name || "Untitled theme", items: t.notes.length }));
  return [...templates, ...themes].map((e) => ({ ...e, here: inFrame.get(e.frameId) ?? [] }));
}
