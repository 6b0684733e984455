import { type ElementLike, type JsonObject, type NoteData, quadrantTag } from "@quadrant/board-model";
import { type BuildContext, baseElement, textElement } from "./element-factory";
import type { Point } from "./geometry";

const SHAPES_THAT_HOLD_TEXT = new Set(["rectangle", "ellipse", "diamond"]);

/**
 * RULE 9: a note is a live element that is not template chrome or a theme frame, and is either
 * (a) a text element not bound to a container, (b) a rectangle, ellipse or diamond with bound
 * text, or (c) any such shape that has an entry in the `notes` root. Frames, lines, arrows,
 * images and freehand strokes are never notes; text inside a container is part of its container.
 */
export function isNote(e: ElementLike, hasNoteData: boolean, boundTextOf: ReadonlyMap<string, ElementLike>): boolean {
  if (e.isDeleted) return false;
  const tag = quadrantTag(e);
  if (tag && tag.role !== "note") return false;
  if (e.type === "text") return !e.containerId;
  if (!SHAPES_THAT_HOLD_TEXT.has(e.type)) return false;
  return hasNoteData || boundTextOf.has(e.id) || tag?.role === "note";
}

/** container id → its live bound text element. */
export function boundTextIndex(elements: readonly ElementLike[]): Map<string, ElementLike> {
  const out = new Map<string, ElementLike>();
  for (const e of elements) {
    if (e.type === "text" && e.containerId && !e.isDeleted) out.set(e.containerId, e);
  }
  return out;
}

/** The note's words: the unwrapped text Excalidraw keeps in `originalText`, else `text`. */
export function noteText(e: ElementLike, boundTextOf: ReadonlyMap<string, ElementLike>): string {
  const source = e.type === "text" ? e : boundTextOf.get(e.id);
  if (!source) return "";
  return (source.originalText ?? source.text ?? "").trim();
}

export const NOTE_SIZE = { width: 160, height: 100 } as const;
const NOTE_COLOURS = ["#ffec99", "#b2f2bb", "#a5d8ff", "#ffc9c9", "#eebefa"] as const;

export interface BuiltNote {
  noteId: string;
  /** The sticky (a filled rectangle) and its bound text, in z-order. */
  elements: [JsonObject, JsonObject];
  data: NoteData;
}

/** A sticky note centred on `centre`: a filled rectangle with bound, wrapped text. */
export function buildStickyNote(
  centre: Point,
  text: string,
  data: NoteData,
  ctx: BuildContext,
  colour: string = NOTE_COLOURS[0],
): BuiltNote {
  const noteId = ctx.newId();
  const x = centre.x - NOTE_SIZE.width / 2;
  const y = centre.y - NOTE_SIZE.height / 2;
  const label = textElement(
    {
      x: x + 5,
      y: y + NOTE_SIZE.height / 2 - 12.5,
      width: NOTE_SIZE.width - 10,
      text,
      // RULE 35: 20 px still reads at 50 % zoom; the web client wraps and fits it (fitNote).
      fontSize: 20,
      frameId: null,
      locked: false,
      tag: null,
      containerId: noteId,
      textAlign: "center",
    },
    ctx,
  );
  const rect = {
    ...baseElement(
      { id: noteId, type: "rectangle", x, y, ...NOTE_SIZE, frameId: null, locked: false, tag: { role: "note" } },
      ctx,
    ),
    backgroundColor: colour,
    strokeColor: "#1e1e1e",
    roundness: { type: 3 },
    boundElements: [{ id: String(label["id"]), type: "text" }],
  };
  return { noteId, elements: [rect, label], data };
}
