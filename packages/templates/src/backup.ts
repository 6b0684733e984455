import {
  BoardRecord,
  type BoardSnapshot,
  type JsonObject,
  NoteData,
  TemplateInstance,
} from "@quadrant/board-model";
import { TemplateKind } from "@quadrant/protocol";
import { z } from "zod";

export const BACKUP_FORMAT = "quadrant-board";
export const BACKUP_VERSION = 1;

const json = z.unknown();
const finite = z.number().finite();

/**
 * RULE 19: an element in a backup may carry exactly the fields of an Excalidraw 0.18 element;
 * anything else is rejected by name. Nested values are kept as they are (Excalidraw's own
 * `restoreElements` normalises them on load) except `link`, which RULE 20 sanitises.
 */
export const BackupElement = z.strictObject({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(50),
  x: finite,
  y: finite,
  width: finite,
  height: finite,
  angle: finite.optional(),
  strokeColor: z.string().max(100).optional(),
  backgroundColor: z.string().max(100).optional(),
  fillStyle: z.string().max(50).optional(),
  strokeWidth: finite.optional(),
  strokeStyle: z.string().max(50).optional(),
  roughness: finite.optional(),
  opacity: finite.optional(),
  groupIds: z.array(z.string()).optional(),
  frameId: z.string().nullable().optional(),
  index: z.string().nullable().optional(),
  roundness: json.optional(),
  seed: finite.optional(),
  version: finite.optional(),
  versionNonce: finite.optional(),
  isDeleted: z.boolean().optional(),
  boundElements: z.array(z.strictObject({ id: z.string(), type: z.string() })).nullable().optional(),
  updated: finite.optional(),
  link: z.string().max(4000).nullable().optional(),
  locked: z.boolean().optional(),
  customData: z.record(z.string(), json).optional(),
  // text
  text: z.string().max(100_000).optional(),
  originalText: z.string().max(100_000).optional(),
  fontSize: finite.optional(),
  fontFamily: finite.optional(),
  textAlign: z.string().max(20).optional(),
  verticalAlign: z.string().max(20).optional(),
  containerId: z.string().nullable().optional(),
  lineHeight: finite.optional(),
  autoResize: z.boolean().optional(),
  // lines, arrows, freedraw
  points: z.array(z.array(finite)).optional(),
  lastCommittedPoint: json.optional(),
  startBinding: json.optional(),
  endBinding: json.optional(),
  startArrowhead: z.string().nullable().optional(),
  endArrowhead: z.string().nullable().optional(),
  elbowed: z.boolean().optional(),
  fixedSegments: json.optional(),
  startIsSpecial: z.boolean().nullable().optional(),
  endIsSpecial: z.boolean().nullable().optional(),
  polygon: z.boolean().optional(),
  pressures: z.array(finite).optional(),
  simulatePressure: z.boolean().optional(),
  // images, frames, embeds
  fileId: z.string().nullable().optional(),
  status: z.string().max(20).optional(),
  scale: z.array(finite).optional(),
  crop: json.optional(),
  name: z.string().max(1000).nullable().optional(),
  validated: z.boolean().nullable().optional(),
});

const IMAGE_MIME_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/bmp", "image/x-icon", "image/avif"] as const;

export const BackupFile = z
  .strictObject({
    id: z.string().min(1),
    mimeType: z.enum(IMAGE_MIME_TYPES),
    dataURL: z.string().max(20_000_000),
    created: finite,
    lastRetrieved: finite.optional(),
  })
  .refine((f) => f.dataURL.startsWith(`data:${f.mimeType};base64,`), {
    message: "dataURL must be a base64 data URL of the file's own image type",
    path: ["dataURL"],
  });

export const BoardBackup = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  board: z.strictObject({ title: z.string().min(1).max(200), template: TemplateKind }),
  elements: z.record(z.string(), BackupElement),
  files: z.record(z.string(), BackupFile),
  templates: z.record(z.string(), TemplateInstance),
  notes: z.record(z.string(), NoteData),
  records: z.record(z.string(), BoardRecord),
});
export type BoardBackup = z.infer<typeof BoardBackup>;

export interface BackupMeta {
  title: string;
  template: TemplateKind;
  exportedAt: Date;
}

/** The whole board document as a versioned JSON backup. */
export function exportBackup(snapshot: BoardSnapshot, meta: BackupMeta): BoardBackup {
  const candidate = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: meta.exportedAt.toISOString(),
    board: { title: meta.title, template: meta.template },
    ...structuredClone(snapshot),
  };
  // Export what import accepts: a doc holding something the schema refuses is reported, not shipped.
  const r = BoardBackup.safeParse(candidate);
  if (!r.success) throw new Error(`board cannot be backed up: ${describeIssues(r.error)}`);
  return sanitiseBackup(r.data);
}

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/**
 * RULE 20: links survive only as http(s), mailto, a same-site path or an anchor;
 * `javascript:`, `data:`, `vbscript:` and every other scheme become null.
 */
export function safeLink(link: string | null | undefined): string | null {
  if (link == null) return null;
  // Browsers ignore leading control characters and spaces in a URL; so must the check.
  const trimmed = link.replace(/^[\u0000-\u0020]+/, "");
  return SAFE_LINK.test(trimmed) ? trimmed : null;
}

function sanitiseBackup(b: BoardBackup): BoardBackup {
  const elements: BoardBackup["elements"] = {};
  for (const [key, e] of Object.entries(b.elements)) {
    elements[key] = e.link === undefined ? e : { ...e, link: safeLink(e.link) };
  }
  return { ...b, elements };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export type ImportResult =
  | { ok: true; backup: BoardBackup; snapshot: BoardSnapshot }
  | { ok: false; message: string };

/**
 * Validates an uploaded backup (RULES 19–21): unknown fields anywhere are rejected with their
 * path, links are sanitised, and every element key must equal the element's id.
 */
export function importBackup(input: unknown): ImportResult {
  const r = BoardBackup.safeParse(input);
  if (!r.success) return { ok: false, message: describeIssues(r.error) };
  for (const [key, e] of Object.entries(r.data.elements)) {
    if (key !== e.id) return { ok: false, message: `elements.${key}: key does not match id "${e.id}"` };
  }
  for (const [key, f] of Object.entries(r.data.files)) {
    if (key !== f.id) return { ok: false, message: `files.${key}: key does not match id "${f.id}"` };
  }
  const backup = sanitiseBackup(r.data);
  const toJson = <T extends object>(rec: Record<string, T>): Record<string, JsonObject> =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, { ...v } as JsonObject]));
  return {
    ok: true,
    backup,
    snapshot: {
      elements: toJson(backup.elements),
      files: toJson(backup.files),
      templates: toJson(backup.templates),
      notes: toJson(backup.notes),
      records: toJson(backup.records),
    },
  };
}
