import { type ElementLike, quadrantTag } from "@quadrant/board-model";
import { type Point, centreOf, rectOf } from "./geometry";
import { boundTextIndex, isNote } from "./notes";
import { type FramedThing, aboveFirst, containing } from "./placement";

/** The fields of a frame RULE 23 reads; Excalidraw's scene elements fit it as they are. */
export type FrameElement = Pick<ElementLike, "id" | "type" | "x" | "y" | "width" | "height" | "isDeleted" | "index" | "customData">;

type Layer = "template" | "theme" | "plain";

/** Told apart by the frame's own tag, so a client that has only the scene reads it the same way. */
function layerOf(frame: FrameElement): Layer {
  const role = quadrantTag(frame)?.role;
  if (role === "chrome") return "template";
  return role === "theme-frame" ? "theme" : "plain";
}

/**
 * RULE 23: the frames holding a point, topmost first (RULE 4 order): in each layer (template
 * frames, theme frames, other frames) the topmost live frame containing it, so at most one a
 * layer. Excalidraw's `frameId` on the element is ignored (RULE 2): geometry decides.
 */
export function framesHolding<F extends FrameElement>(elements: readonly F[], p: Point): F[] {
  const layers = new Map<Layer, FramedThing<F>[]>();
  for (const e of elements) {
    if (e.type !== "frame" || e.isDeleted) continue;
    const layer = layers.get(layerOf(e)) ?? [];
    layer.push({ item: e, frame: e, rect: rectOf(e) });
    layers.set(layerOf(e), layer);
  }
  const held = [...layers.values()].flatMap((layer) => containing(layer, p) ?? []);
  return held.sort(aboveFirst).map((h) => h.item);
}

/** RULE 23: the frame holding a point: the topmost of `framesHolding`. */
export function frameHolding<F extends FrameElement>(elements: readonly F[], p: Point): F | null {
  return framesHolding(elements, p)[0] ?? null;
}

/** RULE 9 over a whole board: the ids of its notes. */
export function noteIds(elements: readonly ElementLike[], hasNoteData: (id: string) => boolean): Set<string> {
  const boundText = boundTextIndex(elements);
  return new Set(elements.filter((e) => isNote(e, hasNoteData(e.id), boundText)).map((e) => e.id));
}

/** RULE 23: the notes (RULE 9) a frame holds, by id; what a vote or a scoring round on it covers. */
export function notesHeldBy(elements: readonly ElementLike[], hasNoteData: (id: string) => boolean, frameId: string): string[] {
  const notes = noteIds(elements, hasNoteData);
  return elements
    .filter((e) => notes.has(e.id) && framesHolding(elements, centreOf(e)).some((f) => f.id === frameId))
    .map((e) => e.id)
    .sort();
}

/**
 * RULE 33: on a board with frames, a note no frame holds (RULE 23: no template, theme or other
 * frame contains its centre) is "to be placed": it is marked on the canvas and no vote or
 * scoring round takes it until someone drags it into a frame. A board without any frame is a
 * free-form board: nothing there is waiting for a place.
 */
export function isToBePlaced(elements: readonly FrameElement[], note: Pick<ElementLike, "x" | "y" | "width" | "height">): boolean {
  if (!elements.some((e) => e.type === "frame" && !e.isDeleted)) return false;
  return framesHolding(elements, centreOf(note)).length === 0;
}

/** RULE 33 over a whole board: the ids of the notes (RULE 9) still to be placed. */
export function notesToBePlaced(elements: readonly ElementLike[], hasNoteData: (id: string) => boolean): string[] {
  const notes = noteIds(elements, hasNoteData);
  return elements.filter((e) => notes.has(e.id) && isToBePlaced(elements, e)).map((e) => e.id).sort();
}
