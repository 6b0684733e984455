import { z } from "zod";

/** A score on the 1–10 scales used by the templates (impact, effort, urgency, risk). */
export const Score = z.number().min(1).max(10);

export const TEMPLATE_INSTANCE_KINDS = ["impact-effort", "swot", "theme-map", "health-scorecard"] as const;
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
/**
 * When something is due: a quarter ("2027-Q1") or a calendar date ("2027-03-31"). Free
 * text would not sort or export cleanly, so the UI offers exactly these two shapes.
 */
export const Due = z.union([
  z.string().regex(/^\d{4}-Q[1-4]$/, "a quarter like 2027-Q1"),
  z.iso.date({ message: "a date like 2027-03-31" }),
]);
export type Due = z.infer<typeof Due>;

/** Who owns an initiative, theme or action: a participant's display name or free text. */
export const Owner = z.string().trim().min(1).max(120);

/** Stored in ROOT.notes under the note's element id: what geometry does not say. */
export const NoteData = z.strictObject({
  urgency: Score.optional(),
  risk: Score.optional(),
  author: z.string().max(200).optional(),
  origin: NoteOrigin.optional(),
  owner: Owner.optional(),
  due: Due.optional(),
  /** The group explicitly decided not to do it ("What we're not doing"), and why. */
  dropped: z.strictObject({ reason: z.string().max(2000) }).optional(),
  /**
   * Where a carried health dimension came from (a low score carried into the SWOT's
   * weaknesses): the scorecard, the dimension and its rating at the time.
   */
  healthOrigin: z.lazy(() => HealthOrigin).optional(),
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
  owner: Owner.optional(),
  due: Due.optional(),
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

/** Legacy: boards made before the executive summary kept the vision here; `summary:vision` wins. */
export const VisionRecord = z.strictObject({
  kind: z.literal("vision"),
  id: z.string().min(1),
  text: z.string(),
});
export type VisionRecord = z.infer<typeof VisionRecord>;

/** Long free text: a field of the summary or of a decision record. */
const Text = z.string().max(20_000);
/** One line: a title, a name. */
const Line = z.string().max(500);

export const SUMMARY_FIELDS = [
  "vision",
  "timeline",
  "resources",
  "outcomes",
  "objectives",
  "constraints",
  "currentState",
  "challenges",
] as const;
export const SummaryField = z.enum(SUMMARY_FIELDS);
export type SummaryField = z.infer<typeof SummaryField>;

/**
 * One field of the executive summary / business context, one record each (id
 * `summary:<field>`): two people editing two fields at once both keep their text, where
 * one record for the whole summary would let the last writer drop the other's field.
 */
export const SummaryFieldRecord = z.strictObject({
  kind: z.literal("summary"),
  id: z.string().min(1),
  field: SummaryField,
  text: Text,
});
export type SummaryFieldRecord = z.infer<typeof SummaryFieldRecord>;
export const summaryRecordId = (field: SummaryField): string => `summary:${field}`;

/** A technical principle: a short statement and what it means in practice. Ordered by `order`. */
export const PrincipleRecord = z.strictObject({
  kind: z.literal("principle"),
  id: z.string().min(1),
  order: z.number(),
  title: Line,
  meaning: Text,
});
export type PrincipleRecord = z.infer<typeof PrincipleRecord>;

export const DECISION_STATUSES = ["proposed", "accepted", "deprecated", "superseded"] as const;
export const DecisionStatus = z.enum(DECISION_STATUSES);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

/** What the group saw when it decided: revealed vote totals or a scoring spread, copied in. */
export const DecisionEvidence = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("vote"),
    items: z.array(z.strictObject({ noteId: z.string(), label: Line, votes: z.number().int().min(0) })).max(200),
  }),
  z.strictObject({
    kind: z.literal("scoring"),
    items: z
      .array(
        z.strictObject({
          noteId: z.string(),
          label: Line,
          meanImpact: z.number(),
          spreadImpact: z.number(),
          meanEffort: z.number(),
          spreadEffort: z.number(),
          discuss: z.boolean(),
        }),
      )
      .max(200),
  }),
  z.strictObject({ kind: z.literal("notes"), items: z.array(z.strictObject({ noteId: z.string(), label: Line })).max(200) }),
]);
export type DecisionEvidence = z.infer<typeof DecisionEvidence>;

/**
 * Who disagreed: by name with their reason, or (after a secret vote, where names must not
 * be recorded) only how many.
 */
export const Dissent = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("named"), entries: z.array(z.strictObject({ who: Line, why: Text })).max(100) }),
  z.strictObject({ kind: z.literal("anonymous"), count: z.number().int().min(0), note: Text }),
]);
export type Dissent = z.infer<typeof Dissent>;

/** A decision in the shape of an architecture decision record (ADR-001, ADR-002, …). */
export const DecisionRecord = z.strictObject({
  kind: z.literal("decision"),
  id: z.string().min(1),
  /** ADR number, unique on the board, assigned as max + 1 when the record is created. */
  number: z.number().int().min(1),
  title: Line,
  status: DecisionStatus,
  /** With status "superseded": the number of the ADR that replaces this one. */
  supersededBy: z.number().int().min(1).optional(),
  /** yyyy-mm-dd, the day it was decided (or proposed). */
  date: z.iso.date(),
  deciders: Line,
  /** Theme record id it belongs to, if any. */
  themeId: z.string().optional(),
  context: Text,
  decision: Text,
  consequences: z.strictObject({ positive: Text, negative: Text, neutral: Text }),
  alternatives: z.array(z.strictObject({ option: Line, whyNot: Text })).max(50),
  implementation: Text,
  /** yyyy-mm-dd, when to look at it again; empty when not set. */
  reviewDate: z.union([z.iso.date(), z.literal("")]),
  evidence: DecisionEvidence.optional(),
  dissent: Dissent.optional(),
  /** Notes it was made from (a note, a selection). */
  noteIds: z.array(z.string()).max(200),
  /** Every status it has had, oldest first; `at` is ms since the epoch, passed in by the writer. */
  history: z.array(z.strictObject({ at: z.number(), status: DecisionStatus, by: Line })).max(200),
  createdAt: z.number(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** An action item: what, who, by when, and what it follows from. */
export const ActionRecord = z.strictObject({
  kind: z.literal("action"),
  id: z.string().min(1),
  text: Line,
  owner: z.union([Owner, z.literal("")]),
  due: z.union([Due, z.literal("")]),
  done: z.boolean(),
  /** What it belongs to: a decision, an initiative (note) or a theme, by id. */
  link: z
    .strictObject({ kind: z.enum(["decision", "note", "theme"]), id: z.string().min(1) })
    .optional(),
  createdAt: z.number(),
});
export type ActionRecord = z.infer<typeof ActionRecord>;

export const HEALTH_DIMENSIONS = [
  "scalability",
  "reliability",
  "security",
  "developer-velocity",
  "technical-debt",
  "team-health",
] as const;
export const HealthDimension = z.enum(HEALTH_DIMENSIONS);
export type HealthDimension = z.infer<typeof HealthDimension>;

/** A 1–5 rating on the technical health scorecard (DOMAIN.md). */
export const HealthRating = z.number().int().min(1).max(5);

/** One dimension of one health scorecard, id `health:<templateId>:<dimension>`. */
export const HealthRecord = z.strictObject({
  kind: z.literal("health"),
  id: z.string().min(1),
  templateId: z.string().min(1),
  dimension: HealthDimension,
  rating: HealthRating.nullable(),
  evidence: Text,
  impact: Text,
});
export type HealthRecord = z.infer<typeof HealthRecord>;
export const healthRecordId = (templateId: string, dimension: HealthDimension): string => `health:${templateId}:${dimension}`;

export const HealthOrigin = z.strictObject({
  templateId: z.string(),
  dimension: HealthDimension,
  rating: HealthRating,
});
export type HealthOrigin = z.infer<typeof HealthOrigin>;

/** Stored in ROOT.records under its id. */
export const BoardRecord = z.discriminatedUnion("kind", [
  ThemeRecord,
  PairingRecord,
  VisionRecord,
  SummaryFieldRecord,
  PrincipleRecord,
  DecisionRecord,
  ActionRecord,
  HealthRecord,
]);
export type BoardRecord = z.infer<typeof BoardRecord>;

/** The well-known id of the board's single vision record. */
export const VISION_RECORD_ID = "vision";
