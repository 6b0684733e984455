import {
  BoardRecord,
  type BoardSnapshot,
  type JsonObject,
  NoteData,
  TemplateInstance,
} from "@quadrant/board-model";
import { FacilitationBackup } from "@quadrant/facilitation";
import { HistoryTrigger, TemplateKind } from "@quadrant/protocol";
import { z } from "zod";
import { absurdElementReason, safeEmbedLink, safeLink, unsafeFileReason, withoutGeneratedHtml } from "./sanitise-backup";

export { safeLink } from "./sanitise-backup";

export const BACKUP_FORMAT = "quadrant-board";
export const BACKUP_VERSION = 1;

const json = z.unknown();
const finite = z.number().finite();

/**
 * RULE 19: an element in a backup may carry exactly the fields of an Excalidraw 0.18 element;
 * anything else is rejected by name. Nested values are kept as they are (Excalidraw's own
 * `restoreElements` normalises them on load) except what RULES 20–22 sanitise.
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

/** Shape only: whether the content is a safe image is RULE 21's call (sanitise-backup.ts), which drops the file. */
export const BackupFile = z.strictObject({
  id: z.string().min(1),
  mimeType: z.string().max(100),
  dataURL: z.string().max(20_000_000),
  created: finite,
  lastRetrieved: finite.optional(),
});

/**
 * One entry of the board's history (docs/history.md) as a backup lists it: when, what and why.
 * Labels only, for the record: the snapshots' content stays on the server, and a board imported
 * from a backup starts with an empty history.
 */
export const BackupHistoryEntry = z.strictObject({
  createdAt: z.string().max(40),
  label: z.string().max(200),
  trigger: HistoryTrigger,
});
export type BackupHistoryEntry = z.infer<typeof BackupHistoryEntry>;

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
  /** Optional: backups made before it, and by the web app (which has no control state), lack it. */
  facilitation: FacilitationBackup.optional(),
  /** The board's history labels, newest first. Optional: older backups and the web app's lack it. */
  history: z.array(BackupHistoryEntry).max(10_000).optional(),
});
export type BoardBackup = z.infer<typeof BoardBackup>;

export interface BackupMeta {
  title: string;
  template: TemplateKind;
  exportedAt: Date;
  /** What of the facilitation state the backup carries (backupOf in @quadrant/facilitation). */
  facilitation?: FacilitationBackup | undefined;
  /** The board's history labels (the server's; the web app has none). */
  history?: readonly BackupHistoryEntry[] | undefined;
}

/** The whole board document as a versioned JSON backup. */
export function exportBackup(snapshot: BoardSnapshot, meta: BackupMeta): BoardBackup {
  const candidate = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: meta.exportedAt.toISOString(),
    board: { title: meta.title, template: meta.template },
    ...structuredClone(snapshot),
    ...(meta.facilitation ? { facilitation: structuredClone(meta.facilitation) } : {}),
    ...(meta.history ? { history: meta.history.map((entry) => ({ ...entry })) } : {}),
  };
  // Export what import accepts: a doc holding something the schema refuses is reported, not shipped.
  const r = BoardBackup.safeParse(candidate);
  if (!r.success) throw new Error(`board cannot be backed up: ${describeIssues(r.error)}`);
  return sanitiseBackup(r.data).backup;
}

/** RULES 20–22: unsafe links become null; unsafe files and absurd elements are dropped, each drop named. */
function sanitiseBackup(b: BoardBackup): { backup: BoardBackup; dropped: string[] } {
  const dropped: string[] = [];
  const elements: BoardBackup["elements"] = {};
  for (const [key, e] of Object.entries(b.elements)) {
    const absurd = absurdElementReason(e);
    if (absurd) {
      dropped.push(`elements.${key}: ${absurd}`);
      continue;
    }
    const embedded = e.type === "embeddable" || e.type === "iframe";
    const link = e.link === undefined ? undefined : embedded ? safeEmbedLink(e.link) : safeLink(e.link);
    if (e.link && link === null) dropped.push(`elements.${key}.link: unsafe link removed`);
    elements[key] = withoutGeneratedHtml(link === undefined ? e : { ...e, link });
  }
  const files: BoardBackup["files"] = {};
  for (const [key, f] of Object.entries(b.files)) {
    const unsafe = unsafeFileReason(f);
    if (unsafe) dropped.push(`files.${key}: ${unsafe}`);
    else files[key] = f;
  }
  return { backup: { ...b, elements, files }, dropped };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export type ImportResult =
  /** `dropped`: what RULES 20–22 removed, by path, for the importer to be told. */
  | { ok: true; backup: BoardBackup; snapshot: BoardSnapshot; dropped: string[] }
  | { ok: false; message: string };

/**
 * Validates an uploaded backup (RULES 19–22): unknown fields anywhere are rejected with their
 * path, every element/file key must equal its id; unsafe links, files and elements are dropped.
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
  const { backup, dropped } = sanitiseBackup(r.data);
  const toJson = <T extends object>(rec: Record<string, T>): Record<string, JsonObject> =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, { ...v } as JsonObject]));
  return {
    ok: true,
    backup,
    dropped,
    snapshot: {
      elements: toJson(backup.elements),
      files: toJson(backup.files),
      templates: toJson(backup.templates),
      notes: toJson(backup.notes),
      records: toJson(backup.records),
    },
  };
}
