import { z } from "zod";

/** A score on the 1–10 scales used by the templates (impact, effort, urgency, risk). */
export const Score = z.number().min(1).max(10);

export const TEMPLATE_INSTANCE_KINDS = ["impact-effort", "swot", "theme-map"] as const;
export const TemplateInstanceKind = z.enum(TEMPLATE_INSTANCE_KINDS);
export type TemplateInstanceKind = z.infer<typeof TemplateInstanceKind>;

/**
 * A zone in frame-relative fractions (0..1 of the frame's width and height), so
 * moving or resizing the frame moves and resizes every zone with it.
 */
export const Zone = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().gt(0).max(1),
  height: z.number().gt(0).max(1),
});
export type Zone = z.infer<typeof Zone>;

/** Stored in ROOT.templates under its id. */
export const TemplateInstance = z.strictObject({
  id: z.string().min(1),
  kind: TemplateInstanceKind,
  frameId: z.string().min(1),
  title: z.string(),
  zones: z.array(Zone),
  createdAt: z.number(),
});
export type TemplateInstance = z.infer<typeof TemplateInstance>;

/** Where a carried note came from (a SWOT item or a theme initiative). */
export const NoteOrigin = z.strictObject({
  templateId: z.string(),
  templateKind: TemplateInstanceKind,
  /** Zone name (e.g. "Strengths") or theme name at the time it was carried. */
  label: z.string(),
  noteId: z.string(),
});
export type NoteOrigin = z.infer<typeof NoteOrigin>;

/** Stored in ROOT.notes under the note's element id: what geometry does not say. */
export const NoteData = z.strictObject({
  urgency: Score.optional(),
  risk: Score.optional(),
  author: z.string().max(200).optional(),
  origin: NoteOrigin.optional(),
});
export type NoteData = z.infer<typeof NoteData>;

export const ThemeRecord = z.strictObject({
  kind: z.literal("theme"),
  id: z.string().min(1),
  /** The Excalidraw frame whose area defines membership. */
  frameId: z.string().min(1),
  name: z.string(),
  driver: z.string(),
  implication: z.string(),
  criteria: z.string(),
  timeline: z.string(),
});
export type ThemeRecord = z.infer<typeof ThemeRecord>;

export const PAIRING_KINDS = ["SO", "WO", "ST", "WT"] as const;
export const PairingKind = z.enum(PAIRING_KINDS);
export type PairingKind = z.infer<typeof PairingKind>;

/** A SWOT strategy: S×O, W×O, S×T or W×T, linking the items it came from. */
export const PairingRecord = z.strictObject({
  kind: z.literal("pairing"),
  id: z.string().min(1),
  templateId: z.string().min(1),
  pairing: PairingKind,
  text: z.string(),
  itemIds: z.array(z.string()),
});
export type PairingRecord = z.infer<typeof PairingRecord>;

export const VisionRecord = z.strictObject({
  kind: z.literal("vision"),
  id: z.string().min(1),
  text: z.string(),
});
export type VisionRecord = z.infer<typeof VisionRecord>;

/** A decision in the shape of an architecture decision record. */
export const DecisionRecord = z.strictObject({
  kind: z.literal("decision"),
  id: z.string().min(1),
  title: z.string(),
  context: z.string(),
  decision: z.string(),
  consequences: z.string(),
  alternatives: z.string(),
  createdAt: z.number(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** Stored in ROOT.records under its id. */
export const BoardRecord = z.discriminatedUnion("kind", [
  ThemeRecord,
  PairingRecord,
  VisionRecord,
  DecisionRecord,
]);
export type BoardRecord = z.infer<typeof BoardRecord>;

/** The well-known id of the board's single vision record. */
export const VISION_RECORD_ID = "vision";
