import { restoreElements } from "@excalidraw/excalidraw";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import { type JsonObject, quadrantTag } from "@quadrant/board-model";
import { LABEL_INSET, type NoteFit, fitNote, fittedSticky } from "@quadrant/templates";

/**
 * RULE 35 in the browser: the text is wrapped by Excalidraw's own code (restoreElements with
 * refreshDimensions wraps a bound text to its container exactly as the canvas will), so a
 * fitted sticky never shows a line Excalidraw would break differently. Fonts are loaded before
 * the board is ready (BoardCanvas), so the measure is the real one.
 */
export function wrapLabel(text: string, fontSize: number, maxWidth: number): string {
  const container = { id: "fit-container", type: "rectangle", x: 0, y: 0, width: maxWidth + 2 * LABEL_INSET, height: 100, boundElements: [{ id: "fit-label", type: "text" }] };
  const label = {
    id: "fit-label",
    type: "text",
    x: 0,
    y: 0,
    width: maxWidth,
    height: 0,
    text,
    originalText: text,
    fontSize,
    fontFamily: 5,
    lineHeight: 1.25,
    textAlign: "center",
    verticalAlign: "middle",
    containerId: "fit-container",
    autoResize: true,
  };
  const restored = restoreElements([container, label] as unknown as ExcalidrawElement[], null, { refreshDimensions: true, repairBindings: true });
  const wrapped = restored.find((e) => e.id === "fit-label");
  return wrapped && wrapped.type === "text" ? wrapped.text : text;
}

const countLines = (text: string, fontSize: number, maxWidth: number) => wrapLabel(text, fontSize, maxWidth).split("\n").length;

/** RULE 35: the size and font a sticky needs for `text`. */
export function fitFor(text: string): NoteFit {
  return fitNote(text, countLines);
}

const isSticky = (e: JsonObject) => e.type === "rectangle" && quadrantTag({ customData: e.customData as Record<string, unknown> | undefined })?.role === "note";

/** A sticky and its bound label refitted to the label's words (`originalText`), about the same centre. */
export function refitSticky<S extends JsonObject, L extends JsonObject>(sticky: S, label: L): [S, L] {
  const words = String(label.originalText ?? label.text ?? "");
  const fit = fitFor(words);
  const box = (e: JsonObject) => ({ ...e, x: Number(e.x), y: Number(e.y), width: Number(e.width), height: Number(e.height) });
  const [s, l] = fittedSticky(box(sticky), box(label), fit, wrapLabel(words, fit.fontSize, fit.width - 2 * LABEL_INSET));
  return [s as unknown as S, l as unknown as L];
}

/** Every Quadrant sticky among new elements refitted to its text (BoardWriter.addNotes); anything else as it is. */
export function fitNewStickies(elements: readonly JsonObject[]): JsonObject[] {
  const byId = new Map(elements.map((e) => [String(e.id), e]));
  const out = new Map(byId);
  for (const label of elements) {
    if (label.type !== "text" || typeof label.containerId !== "string") continue;
    const sticky = byId.get(label.containerId);
    if (!sticky || !isSticky(sticky)) continue;
    const [s, l] = refitSticky(sticky, label);
    out.set(String(s.id), s);
    out.set(String(l.id), l);
  }
  return elements.map((e) => out.get(String(e.id)) ?? e);
}
