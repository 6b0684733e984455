import type { JsonObject, QuadrantTag } from "@quadrant/board-model";

/** What a builder needs from the outside world, so its output is exact in tests (house rule 7). */
export interface BuildContext {
  newId: () => string;
  /** In [0, 1); used for Excalidraw's seeds. */
  random: () => number;
  /** Milliseconds since the epoch, for `updated`/`createdAt`. */
  now: number;
}

interface BaseOptions {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  frameId: string | null;
  locked: boolean;
  tag: QuadrantTag | null;
}

/**
 * A plain Excalidraw element with the fields Excalidraw 0.18 needs to render it; the web app
 * passes it through Excalidraw's own `restoreElements` to fill anything newer.
 */
export function baseElement(o: BaseOptions, ctx: BuildContext): JsonObject {
  return {
    id: o.id,
    type: o.type,
    x: o.x,
    y: o.y,
    width: o.width,
    height: o.height,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 1,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [],
    frameId: o.frameId,
    index: null,
    roundness: null,
    seed: Math.floor(ctx.random() * 2 ** 31),
    version: 1,
    versionNonce: Math.floor(ctx.random() * 2 ** 31),
    isDeleted: false,
    boundElements: null,
    updated: ctx.now,
    link: null,
    locked: o.locked,
    ...(o.tag ? { customData: { quadrant: o.tag } } : {}),
  };
}

export interface TextOptions {
  x: number;
  y: number;
  text: string;
  fontSize: number;
  frameId: string | null;
  locked: boolean;
  tag: QuadrantTag | null;
  containerId?: string;
  width?: number;
  opacity?: number;
  textAlign?: "left" | "center";
}

const LINE_HEIGHT = 1.25;

export function textElement(o: TextOptions, ctx: BuildContext): JsonObject {
  const lines = o.text.split("\n");
  // A rough measure; Excalidraw re-measures once fonts are loaded (autoResize).
  const width = o.width ?? Math.max(...lines.map((l) => l.length)) * o.fontSize * 0.6;
  return {
    ...baseElement(
      {
        id: ctx.newId(),
        type: "text",
        x: o.x,
        y: o.y,
        width,
        height: lines.length * o.fontSize * LINE_HEIGHT,
        frameId: o.frameId,
        locked: o.locked,
        tag: o.tag,
      },
      ctx,
    ),
    opacity: o.opacity ?? 100,
    text: o.text,
    originalText: o.text,
    fontSize: o.fontSize,
    fontFamily: 5,
    textAlign: o.textAlign ?? "left",
    verticalAlign: o.containerId ? "middle" : "top",
    containerId: o.containerId ?? null,
    lineHeight: LINE_HEIGHT,
    autoResize: !o.containerId,
  };
}

export function lineElement(
  from: { x: number; y: number },
  to: { x: number; y: number },
  frameId: string,
  tag: QuadrantTag,
  ctx: BuildContext,
): JsonObject {
  return {
    ...baseElement(
      {
        id: ctx.newId(),
        type: "line",
        x: from.x,
        y: from.y,
        width: Math.abs(to.x - from.x),
        height: Math.abs(to.y - from.y),
        frameId,
        locked: true,
        tag,
      },
      ctx,
    ),
    strokeColor: "#868e96",
    points: [
      [0, 0],
      [to.x - from.x, to.y - from.y],
    ],
    lastCommittedPoint: null,
    startBinding: null,
    endBinding: null,
    startArrowhead: null,
    endArrowhead: null,
  };
}

export function frameElement(
  rect: { x: number; y: number; width: number; height: number },
  name: string,
  id: string,
  locked: boolean,
  tag: QuadrantTag,
  ctx: BuildContext,
): JsonObject {
  return {
    ...baseElement({ id, type: "frame", ...rect, frameId: null, locked, tag }, ctx),
    name,
  };
}
