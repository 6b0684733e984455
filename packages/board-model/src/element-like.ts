import { z } from "zod";

/**
 * The few Excalidraw element fields Quadrant's pure logic reads. Elements are
 * stored as plain JSON (see ROOT.elements); this type is structural on purpose
 * so that nothing below the web app imports Excalidraw.
 */
export const ElementLike = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  angle: z.number().optional(),
  isDeleted: z.boolean().optional(),
  frameId: z.string().nullable().optional(),
  containerId: z.string().nullable().optional(),
  text: z.string().optional(),
  originalText: z.string().optional(),
  name: z.string().nullable().optional(),
  index: z.string().nullable().optional(),
  link: z.string().nullable().optional(),
  locked: z.boolean().optional(),
  boundElements: z
    .array(z.looseObject({ id: z.string(), type: z.string() }))
    .nullable()
    .optional(),
  customData: z.record(z.string(), z.unknown()).optional(),
});
export type ElementLike = z.infer<typeof ElementLike>;

/**
 * ElementLike's named fields alone (zod's strip mode): the same field schemas, so the same
 * verdict and the same issues. Parsing with the loose ElementLike itself also visits and copies
 * every field it does not name (an Excalidraw element has about 30); in the browser, where the
 * CSP leaves zod without its compiled fast path, that and a deep clone before it were most of
 * the Outline panel's cold read of a 2,000-element board (38 ms p50).
 */
const ElementFields = z.object(ElementLike.shape);

/**
 * `ElementLike.safeParse(raw)` for hot paths: on success a shallow copy of `raw` (every field
 * kept, as the loose parse keeps them), whose nested values (boundElements, customData, points)
 * are `raw`'s own: read them, never write them.
 */
export function parseElementLike(raw: unknown): z.ZodSafeParseResult<ElementLike> {
  const checked = ElementFields.safeParse(raw);
  if (!checked.success) return checked;
  // The check passed on exactly these values; the fields it does not name are unknown, as ElementLike types them.
  return { success: true, data: { ...(raw as Record<string, unknown>) } as ElementLike };
}

/** What Quadrant writes under `customData.quadrant` to tell its own elements apart. */
export const QuadrantTag = z.discriminatedUnion("role", [
  /** Grid lines, axes, zone labels and the frame of a template instance. */
  z.object({ role: z.literal("chrome"), templateId: z.string() }),
  /** A theme's frame (its text lives in a ThemeRecord with the same frameId). */
  z.object({ role: z.literal("theme-frame"), themeId: z.string() }),
  /** A sticky note created by Quadrant (notes may also be plain Excalidraw shapes). */
  z.object({ role: z.literal("note") }),
]);
export type QuadrantTag = z.infer<typeof QuadrantTag>;

export function quadrantTag(element: Pick<ElementLike, "customData">): QuadrantTag | null {
  // Most elements carry no tag; placement and interpretation ask for every element on the board,
  // and a failed zod parse builds an error object each time.
  const tag = element.customData?.["quadrant"];
  if (tag === undefined) return null;
  const parsed = QuadrantTag.safeParse(tag);
  return parsed.success ? parsed.data : null;
}
