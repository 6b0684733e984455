import type { ElementLike, TemplateInstance, Zone } from "@quadrant/board-model";
import { type Point, type Rect, toFraction, zoneAt } from "./geometry";
import { type FramedThing, containing, withFrames } from "./placement";

/** A template zone in scene coordinates (zones are stored as fractions of their frame, RULE 3). */
export interface ZoneArea {
  templateId: string;
  kind: TemplateInstance["kind"];
  zone: Zone;
  rect: Rect;
  /** The template's frame, in scene coordinates. */
  frame: Rect;
}

/** A zone's scene rectangle inside its frame's current rectangle. */
export function zoneRect(frame: Rect, zone: Zone): Rect {
  return { x: frame.x + zone.x * frame.width, y: frame.y + zone.y * frame.height, width: zone.width * frame.width, height: zone.height * frame.height };
}

/** Every zone of every live template on the board, in scene coordinates. */
export function zoneAreas(elements: readonly ElementLike[], templates: readonly TemplateInstance[]): ZoneArea[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  return withFrames(templates, byId).flatMap(({ item, rect }) =>
    item.zones.map((zone) => ({ templateId: item.id, kind: item.kind, zone, rect: zoneRect(rect, zone), frame: rect })),
  );
}

/** RULES 1–4: the zone a point falls in (topmost template first), or null. */
export function zoneAreaAt(elements: readonly ElementLike[], templates: readonly TemplateInstance[], p: Point): ZoneArea | null {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const hit: FramedThing<TemplateInstance> | null = containing(withFrames(templates, byId), p);
  if (!hit) return null;
  const zone = zoneAt(hit.item.zones, toFraction(hit.rect, p));
  return zone ? { templateId: hit.item.id, kind: hit.item.kind, zone, rect: zoneRect(hit.rect, zone), frame: hit.rect } : null;
}

