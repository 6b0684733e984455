import { type ElementLike, hasNoteData } from "@quadrant/board-model";
import {
  type NoteColourMode,
  type NoteTarget,
  type Rect,
  type ZoneArea,
  boundsOf,
  buildStickyNote,
  centreOf,
  noteColour,
  noteIds,
  noteObstacles,
  placeQuickNote,
  rotatedBounds,
  zoneAreaAt,
  zoneAreas,
} from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { readTemplateInstances } from "../facilitation/useTemplateInstances";
import { selectedNoteIds } from "../facilitation/sceneHelpers";
import { browserContext } from "../templates/docWrites";
import { viewCentre } from "../templates/placeNew";
import { fitFor } from "./noteFit";

/** Excalidraw's scene elements carry every field ElementLike names (structural on purpose). */
export function sceneElements(api: Pick<BoardApi, "scene">): readonly ElementLike[] {
  return (api.scene?.api.getSceneElements() ?? []) as unknown as readonly ElementLike[];
}

/** Where the next quick note goes and how the panel says it. */
export interface QuickNoteAim {
  target: NoteTarget;
  /** What the panel shows after "Into", "Next to" or "Near the": "Strengths", "the selection", "middle of your view". */
  label: string;
  kind: NoteTarget["kind"];
}

/**
 * RULE 32's target from this person's last gestures: the selected notes first (the note they
 * are working on), else the zone they last clicked in, else the middle of their view.
 */
export function aimQuickNote(api: Pick<BoardApi, "scene" | "doc">, clicked: ZoneArea | null): QuickNoteAim {
  const elements = sceneElements(api);
  // Only notes (RULE 9) count: a selected drawing or frame is not something to put a note beside.
  const notes = noteIds(elements, (id) => hasNoteData(api.doc, id));
  const selected = new Set(api.scene ? selectedNoteIds(api.scene).filter((id) => notes.has(id)) : []);
  const boxes = elements.filter((e) => selected.has(e.id) && e.type !== "frame").map((e) => rotatedBounds(e));
  const selection = boundsOf(boxes);
  if (selection) {
    const first = elements.find((e) => selected.has(e.id));
    const zone = first ? zoneAreaAt(elements, readTemplateInstances(api.doc), centreOf(first)) : null;
    return { target: { kind: "beside", selection, zone: zone ? { area: zone.rect, frame: zone.frame } : null }, label: zone ? `the selection, in ${zone.zone.name}` : "the selection", kind: "beside" };
  }
  const live = clicked && zoneAreas(elements, readTemplateInstances(api.doc)).find((z) => z.templateId === clicked.templateId && z.zone.id === clicked.zone.id);
  if (live) return { target: { kind: "zone", area: live.rect, frame: live.frame }, label: live.zone.name, kind: "zone" };
  return { target: { kind: "view", centre: viewCentre(api) }, label: "middle of your view", kind: "view" };
}

/** The note colour mode everyone sees (facilitation view; category until the view arrives). */
export function colourMode(api: Pick<BoardApi, "control">): NoteColourMode {
  return api.control.view?.noteColours ?? "category";
}

/**
 * A quick note: fitted to its text (RULE 35), placed by RULE 32, coloured by RULE 36 and added
 * through the board's writer (private brainstorm, author). Returns where it went.
 */
export function addQuickNote(api: BoardApi, text: string, aim: QuickNoteAim): Rect {
  const elements = sceneElements(api);
  const templates = readTemplateInstances(api.doc);
  const fit = fitFor(text);
  const slot = placeQuickNote({ width: fit.width, height: fit.height }, aim.target, noteObstacles(elements, templates));
  const centre = { x: slot.x + slot.width / 2, y: slot.y + slot.height / 2 };
  const zone = zoneAreaAt(elements, templates, centre);
  const colour = noteColour(colourMode(api), { zoneId: zone?.zone.id ?? null, author: api.presence.local()?.user.name ?? null });
  const note = buildStickyNote(centre, text, {}, browserContext(), colour);
  api.write.addNotes({ elements: note.elements, notes: [{ id: note.noteId, data: note.data }] });
  return slot;
}
