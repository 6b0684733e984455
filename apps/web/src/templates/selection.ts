import type { NoteView } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";

/**
 * The notes a canvas selection stands for, in board order: a selected note, or the note
 * whose label (bound text) is selected; other elements (frames, arrows) are ignored.
 */
export function notesForSelection(
  selectedIds: Iterable<string>,
  containerOf: (id: string) => string | null,
  notes: readonly NoteView[],
): NoteView[] {
  const wanted = new Set<string>();
  for (const id of selectedIds) {
    wanted.add(id);
    const container = containerOf(id);
    if (container) wanted.add(container);
  }
  return notes.filter((n) => wanted.has(n.id));
}

/** The notes selected on this person's canvas now (none before the canvas has mounted). */
export function selectedNotes(api: BoardApi, notes: readonly NoteView[]): NoteView[] {
  const scene = api.scene;
  if (!scene) return [];
  const selected = scene.api.getAppState().selectedElementIds;
  const containers = new Map<string, string>();
  for (const e of scene.api.getSceneElements()) if (e.type === "text" && e.containerId) containers.set(e.id, e.containerId);
  return notesForSelection(
    Object.keys(selected).filter((id) => selected[id]),
    (id) => containers.get(id) ?? null,
    notes,
  );
}
