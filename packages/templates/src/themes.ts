import type { ElementLike, JsonObject, ThemeRecord } from "@quadrant/board-model";
import { type BuildContext, frameElement } from "./element-factory";
import { type Rect, rotatedBounds } from "./geometry";

export const THEME_PADDING = 40;

export interface BuiltTheme {
  record: ThemeRecord;
  frame: JsonObject;
}

/**
 * RULE 15: "make a theme from the selection" draws a theme frame around the axis-aligned
 * bounds of the selected elements (rotation included) plus THEME_PADDING on every side.
 * An empty selection makes no theme. Theme frames are not locked: the group resizes them.
 */
export function themeFromSelection(
  selected: readonly ElementLike[],
  name: string,
  ctx: BuildContext,
): BuiltTheme | null {
  const live = selected.filter((e) => !e.isDeleted);
  if (live.length === 0) return null;
  const bounds = live.map(rotatedBounds);
  const minX = Math.min(...bounds.map((b) => b.x));
  const minY = Math.min(...bounds.map((b) => b.y));
  const maxX = Math.max(...bounds.map((b) => b.x + b.width));
  const maxY = Math.max(...bounds.map((b) => b.y + b.height));
  const rect: Rect = {
    x: minX - THEME_PADDING,
    y: minY - THEME_PADDING,
    width: maxX - minX + 2 * THEME_PADDING,
    height: maxY - minY + 2 * THEME_PADDING,
  };
  return buildTheme(rect, name, ctx);
}

export function buildTheme(rect: Rect, name: string, ctx: BuildContext): BuiltTheme {
  const themeId = ctx.newId();
  const frameId = ctx.newId();
  const frame = frameElement(rect, name, frameId, false, { role: "theme-frame", themeId }, ctx);
  const record: ThemeRecord = {
    kind: "theme",
    id: themeId,
    frameId,
    name,
    driver: "",
    implication: "",
    criteria: "",
    timeline: "",
  };
  return { record, frame };
}
