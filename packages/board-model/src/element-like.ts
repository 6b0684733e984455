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
  const parsed = QuadrantTag.safeParse(element.customData?.["quadrant"]);
  return parsed.success ? parsed.data : null;
}
