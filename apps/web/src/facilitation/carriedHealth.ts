import type * as Y from "yjs";
import { type HealthDimension, HealthOrigin, elementsMap, notesMap } from "@quadrant/board-model";

export const carryKey = (templateId: string, dimension: HealthDimension): string => `${templateId}:${dimension}`;

/**
 * Scorecard dimensions already carried into a SWOT, as `carryKey`s: the `healthOrigin` of every
 * note whose element is live, or not in the document at all (carried during a private
 * brainstorm: its data is on the board, its element held). A deleted carried note frees its
 * dimension to be carried again, as a deleted carried SWOT item does for the matrix.
 */
export function carriedDimensions(doc: Y.Doc): Set<string> {
  const elements = elementsMap(doc);
  const carried = new Set<string>();
  notesMap(doc).forEach((data, id) => {
    const origin = HealthOrigin.safeParse((data as { healthOrigin?: unknown }).healthOrigin);
    if (!origin.success) return;
    const element = elements.get(id);
    if (element && element["isDeleted"] === true) return;
    carried.add(carryKey(origin.data.templateId, origin.data.dimension));
  });
  return carried;
}
