import { HEALTH_DIMENSIONS, type HealthDimension, type JsonObject, type TemplateInstance, type TemplateInstanceKind, type Zone } from "@quadrant/board-model";
import { type BuildContext, frameElement, lineElement, textElement } from "./element-factory";
import type { Point } from "./geometry";

export interface Size {
  width: number;
  height: number;
}

export interface BuiltTemplate {
  instance: TemplateInstance;
  /** Frame first, then its locked children, in z-order. */
  elements: JsonObject[];
}

export const IMPACT_EFFORT_ZONES: readonly Zone[] = [
  { id: "quick-wins", name: "Quick Wins", x: 0, y: 0, width: 0.5, height: 0.5 },
  { id: "big-bets", name: "Big Bets", x: 0.5, y: 0, width: 0.5, height: 0.5 },
  { id: "nice-to-have", name: "Nice to Have", x: 0, y: 0.5, width: 0.5, height: 0.5 },
  { id: "time-sinks", name: "Time Sinks", x: 0.5, y: 0.5, width: 0.5, height: 0.5 },
];

export const SWOT_ZONES: readonly Zone[] = [
  { id: "strengths", name: "Strengths", x: 0, y: 0, width: 0.5, height: 0.5 },
  { id: "weaknesses", name: "Weaknesses", x: 0.5, y: 0, width: 0.5, height: 0.5 },
  { id: "opportunities", name: "Opportunities", x: 0, y: 0.5, width: 0.5, height: 0.5 },
  { id: "threats", name: "Threats", x: 0.5, y: 0.5, width: 0.5, height: 0.5 },
];

export const HEALTH_DIMENSION_NAMES: Record<HealthDimension, string> = {
  scalability: "Scalability",
  reliability: "Reliability",
  security: "Security",
  "developer-velocity": "Developer velocity",
  "technical-debt": "Technical debt",
  "team-health": "Team health",
};

/** RULE 25: the health scorecard is six rows, one per dimension, top to bottom in DOMAIN.md's order. */
export const HEALTH_ZONES: readonly Zone[] = HEALTH_DIMENSIONS.map((id, i) => ({
  id,
  name: HEALTH_DIMENSION_NAMES[id],
  x: 0,
  y: i / HEALTH_DIMENSIONS.length,
  width: 1,
  height: 1 / HEALTH_DIMENSIONS.length,
}));

export const DEFAULT_TEMPLATE_SIZE: Size = { width: 1200, height: 900 };

const TITLES: Record<TemplateInstanceKind, string> = {
  "impact-effort": "Impact / Effort",
  swot: "SWOT",
  "theme-map": "Theme map",
  "health-scorecard": "Technical health",
};

function zonesFor(kind: TemplateInstanceKind): readonly Zone[] {
  switch (kind) {
    case "impact-effort":
      return IMPACT_EFFORT_ZONES;
    case "swot":
      return SWOT_ZONES;
    case "theme-map":
      // Themes are frames the group draws inside the map; the map itself has no fixed zones.
      return [];
    case "health-scorecard":
      return HEALTH_ZONES;
  }
}

/**
 * Builds a locked frame with its grid, axes and zone labels. Zones are stored relative to the
 * frame (see Zone), so the instance keeps working after the frame is moved or resized.
 */
export function buildTemplate(
  kind: TemplateInstanceKind,
  origin: Point,
  size: Size,
  ctx: BuildContext,
): BuiltTemplate {
  const templateId = ctx.newId();
  const frameId = ctx.newId();
  const title = TITLES[kind];
  const tag = { role: "chrome", templateId } as const;
  const { x, y } = origin;
  const { width: w, height: h } = size;
  const elements: JsonObject[] = [frameElement({ x, y, width: w, height: h }, title, frameId, true, tag, ctx)];
  const zones = zonesFor(kind);
  if (kind === "health-scorecard") {
    // Rows, not quadrants: a line under every dimension but the last.
    for (const zone of zones.slice(1)) {
      elements.push(lineElement({ x, y: y + zone.y * h }, { x: x + w, y: y + zone.y * h }, frameId, tag, ctx));
    }
  } else if (zones.length > 0) {
    elements.push(lineElement({ x: x + w / 2, y }, { x: x + w / 2, y: y + h }, frameId, tag, ctx));
    elements.push(lineElement({ x, y: y + h / 2 }, { x: x + w, y: y + h / 2 }, frameId, tag, ctx));
  }
  for (const zone of zones) {
    elements.push(
      textElement(
        {
          x: x + zone.x * w + 16,
          y: y + zone.y * h + 12,
          text: zone.name,
          fontSize: 28,
          frameId,
          locked: true,
          tag,
          opacity: 45,
        },
        ctx,
      ),
    );
  }
  if (kind === "impact-effort") {
    elements.push(
      textElement(
        { x: x + 8, y: y + h / 2 - 40, text: "Impact ↑", fontSize: 18, frameId, locked: true, tag, opacity: 60 },
        ctx,
      ),
    );
    elements.push(
      textElement(
        { x: x + w - 110, y: y + h - 32, text: "Effort →", fontSize: 18, frameId, locked: true, tag, opacity: 60 },
        ctx,
      ),
    );
  }
  if (kind === "theme-map") {
    elements.push(
      textElement(
        {
          x: x + 16,
          y: y + 12,
          text: "Cluster ideas, then make a theme from the selection",
          fontSize: 18,
          frameId,
          locked: true,
          tag,
          opacity: 45,
        },
        ctx,
      ),
    );
  }
  const instance: TemplateInstance = { id: templateId, kind, frameId, title, zones: [...zones], createdAt: ctx.now };
  return { instance, elements };
}
