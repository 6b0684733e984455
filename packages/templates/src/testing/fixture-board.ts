import {
  type BoardRecord,
  type BoardSnapshot,
  type HealthDimension,
  type HealthRecord,
  type JsonObject,
  type NoteData,
  type SummaryField,
  type TemplateInstance,
  healthRecordId,
  summaryRecordId,
} from "@quadrant/board-model";
import { HEALTH_ZONES, buildTemplate } from "../builders";
import { carryHealthToSwot } from "../carry-health";
import type { BuildContext } from "../element-factory";
import type { ExportParticipant } from "../brief-outcomes";
import { type BuiltNote, buildStickyNote } from "../notes";
import { positionFromScores } from "../scores";
import { buildTheme } from "../themes";

/** A deterministic BuildContext: ids "id-001"…, a fixed LCG for seeds, a fixed clock. */
export function testContext(now = Date.UTC(2026, 10, 22, 9, 0, 0)): BuildContext {
  let n = 0;
  let state = 42;
  return {
    newId: () => `id-${String(++n).padStart(3, "0")}`,
    random: () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    },
    now,
  };
}

/** A board under construction: plain JSON, the same shape as a board document's snapshot. */
export class FixtureBoard {
  readonly snapshot: BoardSnapshot = { elements: {}, files: {}, templates: {}, notes: {}, records: {} };
  constructor(readonly ctx: BuildContext = testContext()) {}

  addElements(elements: readonly JsonObject[]): void {
    for (const e of elements) this.snapshot.elements[String(e["id"])] = e;
  }
  addTemplate(kind: TemplateInstance["kind"], x: number, y: number, width: number, height: number): TemplateInstance {
    const built = buildTemplate(kind, { x, y }, { width, height }, this.ctx);
    this.addElements(built.elements);
    this.snapshot.templates[built.instance.id] = { ...built.instance };
    return built.instance;
  }
  addNote(centre: { x: number; y: number }, text: string, data: NoteData = {}): string {
    return this.addBuilt(buildStickyNote(centre, text, data, this.ctx));
  }
  addBuilt(note: BuiltNote): string {
    this.addElements(note.elements);
    if (Object.keys(note.data).length > 0) this.snapshot.notes[note.noteId] = { ...note.data };
    return note.noteId;
  }
  /** A note on a matrix at the position that reads (impact, effort). */
  addScored(t: TemplateInstance, impact: number, effort: number, text: string, data: NoteData = {}): string {
    const frame = this.snapshot.elements[t.frameId];
    if (!frame) throw new Error("no frame");
    const rect = { x: Number(frame["x"]), y: Number(frame["y"]), width: Number(frame["width"]), height: Number(frame["height"]) };
    return this.addNote(positionFromScores(rect, { impact, effort }), text, data);
  }
  addTheme(x: number, y: number, width: number, height: number, fields: Partial<BoardRecord & { kind: "theme" }>): string {
    const built = buildTheme({ x, y, width, height }, fields.name ?? "Theme", this.ctx);
    this.addElements([built.frame]);
    this.snapshot.records[built.record.id] = { ...built.record, ...fields, kind: "theme", id: built.record.id, frameId: built.record.frameId };
    return built.record.id;
  }
  addRecord(record: BoardRecord): void {
    this.snapshot.records[record.id] = { ...record };
  }
  element(id: string): JsonObject {
    const e = this.snapshot.elements[id];
    if (!e) throw new Error(`no element ${id}`);
    return e;
  }
}

/** The board behind the golden files: one matrix, one SWOT, one theme map, all rules exercised. */
export function strategyBoard(): {
  board: FixtureBoard;
  votes: Map<string, number>;
  participants: readonly ExportParticipant[];
  ids: Record<string, string>;
} {
  const b = new FixtureBoard();
  const matrix = b.addTemplate("impact-effort", 0, 0, 900, 900);
  const swot = b.addTemplate("swot", 1200, 0, 800, 800);
  const map = b.addTemplate("theme-map", 0, 1200, 1600, 800);

  const strengths = b.addNote({ x: 1400, y: 200 }, "Loyal customers", { author: "Ann" });
  const weakness = b.addNote({ x: 1800, y: 200 }, "Legacy monolith");
  const opportunity = b.addNote({ x: 1400, y: 600 }, "Enterprise demand");
  b.addNote({ x: 1800, y: 600 }, "New competitor, well \"funded\"");
  b.addRecord({ kind: "pairing", id: "pair-1", templateId: swot.id, pairing: "SO", text: "Sell SSO to loyal customers first", itemIds: [strengths, opportunity] });
  b.addRecord({ kind: "pairing", id: "pair-2", templateId: swot.id, pairing: "WT", text: "Split the monolith | before the competitor ships", itemIds: [weakness] });

  const sso = b.addScored(matrix, 9, 5, "SSO for enterprise", { urgency: 8, risk: 6, author: "Bo", origin: { templateId: swot.id, templateKind: "swot", label: "Opportunities", noteId: opportunity } });
  const ci = b.addScored(matrix, 8, 2, "Fix flaky CI", { urgency: 7, risk: 2, author: "Cy" });
  const billing = b.addScored(matrix, 7, 9, "Rewrite billing | v2", { urgency: 4, risk: 7 });
  const formula = b.addScored(matrix, 3, 2, "=HYPERLINK(\"http://x\")", { author: "@mallory" });
  const html = b.addScored(matrix, 2, 8, "<script>alert(1)</script> *bold* [link](javascript:x)", { urgency: 1, risk: 9 });

  const enterprise = b.addTheme(100, 1300, 600, 500, {
    name: "Enterprise-ready platform",
    driver: "Enter the enterprise market",
    implication: "SSO, RBAC, audit logging",
    criteria: "SOC 2 certified\n10 enterprise customers",
    timeline: "12 months",
  });
  b.addTheme(800, 1300, 600, 500, { name: "Developer velocity", driver: "Ship weekly", implication: "", criteria: "", timeline: "6 months" });
  const auditLog = b.addNote({ x: 300, y: 1500 }, "Audit log");
  b.addNote({ x: 500, y: 1600 }, "RBAC");
  b.addNote({ x: 1000, y: 1500 }, "Trunk-based development");
  b.addNote({ x: 1500, y: 1900 }, "Dark mode");
  b.addNote({ x: 3000, y: 3000 }, "Parked idea");

  const auditCarried = b.addScored(matrix, 6, 3, "Audit log", { urgency: 6, risk: 3, origin: { templateId: map.id, templateKind: "theme-map", label: "Enterprise-ready platform", noteId: auditLog } });

  b.addRecord({ kind: "vision", id: "vision", text: "Become the platform enterprises trust" });
  b.addRecord({
    kind: "decision",
    id: "dec-1",
    title: "Build SSO before RBAC",
    context: "Enterprise deals stall on SSO",
    decision: "Build SAML SSO in Q1",
    number: 1,
    status: "accepted",
    date: "2026-12-01",
    deciders: "Fran, Eli",
    consequences: { positive: "Enterprise deals unblock", negative: "RBAC slips to Q2", neutral: "" },
    alternatives: [{ option: "Buy an identity broker", whyNot: "Per-seat cost at our scale" }],
    implementation: "",
    reviewDate: "",
    noteIds: [],
    history: [{ at: 1, status: "accepted", by: "Fran" }],
    createdAt: 1,
  });
  const votes = new Map([[sso, 4], [ci, 3], [billing, 1]]);
  const outcomes = addOutcomes(b, { enterprise, sso, ci, billing, swot });
  return {
    board: b,
    votes,
    participants: PARTICIPANTS,
    ids: { auditCarried, sso, ci, billing, formula, html, strengths, weakness, opportunity, matrix: matrix.id, swot: swot.id, map: map.id, ...outcomes },
  };
}

/** RULE 30: the brief's sections in order, as a board with every section filled exports them. */
export const FULL_BRIEF_HEADINGS: readonly string[] = [
  "## Executive summary",
  "## Business context",
  "## Technical health",
  "## Strategic themes",
  "## SWOT",
  "## Technical principles",
  "## Prioritized initiatives",
  "## Roadmap",
  "## Decisions",
  "## Actions",
  "## What we're not doing",
  "## Who took part",
];

/** Who took part in the fixture's session, as the server's roster would pass it in. */
export const PARTICIPANTS: readonly ExportParticipant[] = [
  { name: "Fran", role: "facilitator" },
  { name: "Bo", role: "editor" },
  { name: "Ann", role: "editor" },
  { name: "Cy", role: "editor" },
  { name: "Ann", role: "editor" },
  { name: "Eli", role: "viewer" },
];

/**
 * Issue 14's records on the strategy board, so every section of the brief has something in it:
 * the executive summary and business context, principles, owners and due dates, a dropped
 * initiative, three ADRs (each kind of evidence and dissent, a superseded one), actions, a
 * health scorecard with a low dimension carried into the SWOT's weaknesses.
 */
function addOutcomes(
  b: FixtureBoard,
  at: { enterprise: string; sso: string; ci: string; billing: string; swot: TemplateInstance },
): Record<string, string> {
  const summary: [SummaryField, string][] = [
    ["vision", "Become the platform enterprises trust by 2028"],
    ["timeline", "18 months, from 2027-Q1"],
    ["resources", "Two more platform engineers\nA security budget of 80k"],
    ["outcomes", "10 enterprise customers\nChurn below 3%"],
    ["objectives", "Win the enterprise segment\nKeep the self-serve growth"],
    ["constraints", "Budget flat until Q3\nEU data residency"],
    ["currentState", "A monolith that scales to today's load"],
    ["challenges", "Flaky CI\nNo audit trail"],
  ];
  for (const [field, text] of summary) b.addRecord({ kind: "summary", id: summaryRecordId(field), field, text });
  b.addRecord({ kind: "principle", id: "pr-b", order: 2, title: "Buy before build for horizontal capabilities", meaning: "Identity, billing and email come from vendors" });
  b.addRecord({ kind: "principle", id: "pr-a", order: 1, title: "Build for 10×, not 100×", meaning: "Design for next year's load\nRevisit at 5×" });
  b.addRecord({ kind: "principle", id: "pr-c", order: 3, title: "Make reversible decisions quickly", meaning: "" });

  const theme = b.snapshot.records[at.enterprise];
  if (theme) Object.assign(theme, { owner: "Dana", due: "2027-Q4" });
  Object.assign(b.snapshot.notes[at.sso] ?? {}, { owner: "Bo", due: "2027-Q1" });
  Object.assign(b.snapshot.notes[at.ci] ?? {}, { owner: "Cy", due: "2027-02-15" });
  Object.assign(b.snapshot.notes[at.billing] ?? {}, { dropped: { reason: "The vendor's billing covers us until 2028" } });

  b.addRecord({
    kind: "decision",
    id: "dec-2",
    number: 2,
    title: "Adopt trunk-based development",
    status: "superseded",
    supersededBy: 3,
    date: "2026-12-02",
    deciders: "Everyone",
    context: "Long-lived branches break CI",
    decision: "Merge to main daily",
    consequences: { positive: "Fewer merge conflicts", negative: "Needs feature flags", neutral: "Release cadence unchanged" },
    alternatives: [
      { option: "GitFlow", whyNot: "Too slow for weekly releases" },
      { option: "Status quo", whyNot: "" },
    ],
    implementation: "Feature flags first",
    reviewDate: "2027-06-01",
    evidence: {
      kind: "scoring",
      items: [{ noteId: at.ci, label: "Fix flaky CI", meanImpact: 8, spreadImpact: 1.5, meanEffort: 2.25, spreadEffort: 4, discuss: true }],
    },
    dissent: { kind: "anonymous", count: 2, note: "Worried about release quality" },
    noteIds: [],
    history: [
      { at: Date.UTC(2026, 11, 2), status: "accepted", by: "Fran" },
      { at: Date.UTC(2026, 11, 3), status: "superseded", by: "Fran" },
    ],
    createdAt: 3,
  });
  b.addRecord({
    kind: "decision",
    id: "dec-3",
    number: 3,
    title: "Trunk-based development with short-lived branches",
    status: "proposed",
    date: "2026-12-03",
    deciders: "",
    context: "",
    decision: "Branches live at most a day",
    consequences: { positive: "", negative: "", neutral: "" },
    alternatives: [],
    implementation: "",
    reviewDate: "",
    evidence: { kind: "notes", items: [{ noteId: at.ci, label: "Fix flaky CI" }] },
    noteIds: [at.ci, "gone-note"],
    history: [],
    createdAt: 2,
  });
  const dec1 = b.snapshot.records["dec-1"];
  if (dec1) {
    Object.assign(dec1, {
      themeId: at.enterprise,
      implementation: "Start with Okta and Entra ID",
      reviewDate: "2027-03-01",
      evidence: { kind: "vote", items: [{ noteId: at.sso, label: "SSO for enterprise", votes: 4 }, { noteId: at.ci, label: "Fix flaky CI", votes: 3 }] },
      dissent: { kind: "named", entries: [{ who: "Cy", why: "CI first: every release hurts" }] },
      noteIds: [at.sso],
      history: [
        { at: Date.UTC(2026, 10, 30), status: "proposed", by: "Bo" },
        { at: Date.UTC(2026, 11, 1), status: "accepted", by: "Fran" },
      ],
    });
  }

  b.addRecord({ kind: "action", id: "act-3", text: "Book the SOC 2 auditor", owner: "Dana", due: "2027-Q2", done: false, link: { kind: "theme", id: at.enterprise }, createdAt: 30 });
  b.addRecord({ kind: "action", id: "act-1", text: "Write the SSO spike", owner: "Bo", due: "2027-01-15", done: true, link: { kind: "decision", id: "dec-1" }, createdAt: 10 });
  b.addRecord({ kind: "action", id: "act-2", text: "Quarantine flaky tests", owner: "Cy", due: "", done: false, link: { kind: "note", id: at.ci }, createdAt: 20 });
  b.addRecord({ kind: "action", id: "act-4", text: "Share the brief", owner: "", due: "", done: false, createdAt: 40 });

  const scorecard = b.addTemplate("health-scorecard", 2200, 0, 900, 900);
  const ratings: [HealthDimension, number | null, string, string][] = [
    ["scalability", 4, "Handles 3× today's peak", "None this year"],
    ["reliability", 3, "Two outages last quarter", "Enterprise SLAs at risk"],
    ["security", 2, "No pen test since 2024\nSecrets in CI logs", "Blocks SOC 2"],
    ["developer-velocity", 3, "Lead time 5 days", "Slow response to customers"],
    ["technical-debt", 2, "Billing is untested", "Every billing change is risky"],
    ["team-health", null, "", ""],
  ];
  for (const [dimension, rating, evidence, impact] of ratings) {
    b.addRecord({ kind: "health", id: healthRecordId(scorecard.id, dimension), templateId: scorecard.id, dimension, rating, evidence, impact });
  }
  const securityRow = HEALTH_ZONES.find((z) => z.id === "security");
  const pentest = b.addNote({ x: 2200 + 450, y: (securityRow?.y ?? 0) * 900 + 100 }, "Pen test booked for March");
  const security = b.snapshot.records[healthRecordId(scorecard.id, "security")] as HealthRecord;
  const carried = carryHealthToSwot(security, scorecard, at.swot, { x: 1200, y: 0, width: 800, height: 800 }, [], b.ctx);
  const carriedId = carried ? b.addBuilt(carried) : "";
  return { scorecard: scorecard.id, pentest, carried: carriedId };
}
