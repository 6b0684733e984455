import { CaptureUpdateAction, newElementWith } from "@excalidraw/excalidraw";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import { type ElementLike, type TemplateInstance, hasNoteData, quadrantTag, readNoteData } from "@quadrant/board-model";
import {
  type NoteColourMode,
  RULE_COLOURS,
  type Rect,
  type TidyMove,
  type TidyResult,
  centreOf,
  framesHolding,
  noteColour,
  noteIds,
  noteObstacles,
  rectOf,
  separateOverlaps,
  tidyGrid,
  zoneAreaAt,
  zoneAreas,
} from "@quadrant/templates";
import type * as Y from "yjs";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { readTemplateInstances } from "../facilitation/useTemplateInstances";

/** What "Tidy" acts on: one zone of a template, or a frame (a template: each zone or theme in it; a theme: itself). */
export type TidyScope = { kind: "zone"; templateId: string; zoneId: string } | { kind: "frame"; frameId: string };

interface Area {
  name: string;
  rect: Rect;
  notes: ElementLike[];
  /** On the impact/effort matrix position is the score: only pull overlaps apart (RULE 34). */
  separate: boolean;
  labelSpace: number;
}

/** Room under a theme's top edge: its name is drawn above the frame, so only the gap. */
const FRAME_TOP = 24;
const SHAPES = new Set(["rectangle", "ellipse", "diamond"]);

function board(scene: ExcalidrawScene, doc: Y.Doc) {
  const elements = scene.api.getSceneElements() as unknown as readonly ElementLike[];
  const templates = readTemplateInstances(doc);
  const notes = noteIds(elements, (id) => hasNoteData(doc, id));
  return { elements, templates, notes: elements.filter((e) => notes.has(e.id)) };
}

function zoneArea(b: ReturnType<typeof board>, templateId: string, zoneId: string): Area | null {
  const z = zoneAreas(b.elements, b.templates).find((a) => a.templateId === templateId && a.zone.id === zoneId);
  if (!z) return null;
  const notes = b.notes.filter((n) => {
    const at = zoneAreaAt(b.elements, b.templates, centreOf(n));
    return at?.templateId === templateId && at.zone.id === zoneId;
  });
  return { name: z.zone.name, rect: z.rect, notes, separate: z.kind === "impact-effort", labelSpace: 56 };
}

function frameArea(b: ReturnType<typeof board>, frame: ElementLike): Area {
  const notes = b.notes.filter((n) => framesHolding(b.elements, centreOf(n)).some((f) => f.id === frame.id));
  const name = typeof frame["name"] === "string" && frame["name"] !== "" ? frame["name"] : "this frame";
  return { name, rect: rectOf(frame), notes, separate: false, labelSpace: FRAME_TOP };
}

/** The areas a scope covers, each with the notes it holds (RULES 1–4, 11, 23). */
function areasOf(b: ReturnType<typeof board>, scope: TidyScope): Area[] {
  if (scope.kind === "zone") return [zoneArea(b, scope.templateId, scope.zoneId)].filter((a): a is Area => a !== null);
  const frame = b.elements.find((e) => e.id === scope.frameId && e.type === "frame");
  if (!frame) return [];
  const template: TemplateInstance | undefined = b.templates.find((t) => t.frameId === frame.id);
  if (!template) return [frameArea(b, frame)];
  if (template.zones.length > 0) return template.zones.map((z) => zoneArea(b, template.id, z.id)).filter((a): a is Area => a !== null);
  // A theme map: tidy each theme inside it.
  const map = rectOf(frame);
  const themes = b.elements.filter((e) => e.type === "frame" && quadrantTag(e)?.role === "theme-frame" && inside(centreOf(e), map));
  return themes.map((t) => frameArea(b, t));
}

const inside = (p: { x: number; y: number }, r: Rect) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;

function layout(b: ReturnType<typeof board>, area: Area): TidyResult {
  const items = area.notes.map((n) => ({ id: n.id, rect: rectOf(n) }));
  if (!area.separate) return tidyGrid(items, area.rect, undefined, area.labelSpace);
  // What must stay clear besides these notes: everything else (labels, other content) and the borders.
  const mine = new Set(area.notes.map((n) => n.id));
  const others = b.elements.filter((e) => !mine.has(e.id) && !(e.type === "text" && e.containerId && mine.has(e.containerId)));
  return separateOverlaps(items, area.rect, noteObstacles(others, b.templates));
}

/** The colour RULE 36 gives a note where it now is (shapes only: a free text has no fill). */
function colourAt(b: ReturnType<typeof board>, doc: Y.Doc, note: ElementLike, mode: NoteColourMode, at: { x: number; y: number }): string | null {
  if (!SHAPES.has(note.type)) return null;
  const zone = zoneAreaAt(b.elements, b.templates, at);
  return noteColour(mode, { zoneId: zone?.zone.id ?? null, author: readNoteData(doc, note.id).author ?? null });
}

/** Writes note moves (labels along, RULE 24) and colours as ONE undoable change of the canvas; the binding syncs it. */
function apply(scene: ExcalidrawScene, changes: Map<string, { x?: number; y?: number; backgroundColor?: string }>): void {
  const all = scene.api.getSceneElementsIncludingDeleted();
  const byId = new Map(all.map((e) => [e.id, e]));
  const delta = new Map<string, { dx: number; dy: number }>();
  for (const [id, c] of changes) {
    const e = byId.get(id);
    if (e && c.x !== undefined && c.y !== undefined) delta.set(id, { dx: c.x - e.x, dy: c.y - e.y });
  }
  const elements = all.map((e): ExcalidrawElement => {
    const own = changes.get(e.id);
    const carried = e.type === "text" && e.containerId ? delta.get(e.containerId) : undefined;
    if (own) return newElementWith(e, own);
    if (carried) return newElementWith(e, { x: e.x + carried.dx, y: e.y + carried.dy });
    return e;
  });
  scene.api.updateScene({ elements, captureUpdate: CaptureUpdateAction.IMMEDIATELY });
}

export interface TidyOutcome {
  moved: number;
  /** Areas that had no room for a grid: nothing in them moved. */
  full: string[];
}

/** RULE 34: tidy a zone, a template (each zone or theme) or a theme, as one undoable change, recoloured by RULE 36. */
export function tidy(scene: ExcalidrawScene, doc: Y.Doc, scope: TidyScope, mode: NoteColourMode): TidyOutcome {
  const b = board(scene, doc);
  const changes = new Map<string, { x?: number; y?: number; backgroundColor?: string }>();
  const full: string[] = [];
  for (const area of areasOf(b, scope)) {
    const result = layout(b, area);
    if (!result.ok) {
      full.push(area.name);
      continue;
    }
    const moves = new Map<string, TidyMove>(result.moves.map((m) => [m.id, m]));
    for (const note of area.notes) {
      const m = moves.get(note.id);
      const to = m ? { x: m.x, y: m.y } : { x: note.x, y: note.y };
      const colour = colourAt(b, doc, note, mode, { x: to.x + note.width / 2, y: to.y + note.height / 2 });
      const moved = m !== undefined && (m.x !== note.x || m.y !== note.y);
      const recolour = colour !== null && colour !== note["backgroundColor"];
      if (moved || recolour) changes.set(note.id, { ...(moved ? to : {}), ...(recolour ? { backgroundColor: colour } : {}) });
    }
  }
  if (changes.size > 0) apply(scene, changes);
  return { moved: [...changes.values()].filter((c) => c.x !== undefined).length, full };
}

/** RULE 36 over the whole board (the facilitator switched the mode): one undoable change. */
export function recolourAll(scene: ExcalidrawScene, doc: Y.Doc, mode: NoteColourMode): number {
  return recolourNotes(scene, doc, mode, null);
}

/** RULE 36 for some notes (`only`; null: all). With `only`, hand-picked colours are kept. */
export function recolourNotes(scene: ExcalidrawScene, doc: Y.Doc, mode: NoteColourMode, only: ReadonlySet<string> | null): number {
  const b = board(scene, doc);
  const changes = new Map<string, { backgroundColor: string }>();
  for (const note of b.notes) {
    if (only && (!only.has(note.id) || !RULE_COLOURS.has(String(note["backgroundColor"])))) continue;
    const colour = colourAt(b, doc, note, mode, centreOf(note));
    if (colour !== null && colour !== note["backgroundColor"]) changes.set(note.id, { backgroundColor: colour });
  }
  if (changes.size > 0) apply(scene, changes);
  return changes.size;
}

/** Tidy, and tell the person when an area had no room (nothing in it moved). */
export function tidyAndTell(scene: ExcalidrawScene, doc: Y.Doc, scope: TidyScope, mode: NoteColourMode): TidyOutcome {
  const outcome = tidy(scene, doc, scope, mode);
  if (outcome.full.length > 0) {
    scene.toast(`Not enough room in ${outcome.full.join(", ")} to lay every note out without overlap: make the frame larger, then Tidy again.`);
  }
  return outcome;
}
