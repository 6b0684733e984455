import type { BoardSnapshot, JsonObject, NoteData, BoardRecord, TemplateInstance } from "@quadrant/board-model";
import { buildTemplate } from "../builders";
import type { BuildContext } from "../element-factory";
import { buildStickyNote } from "../notes";
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
    const note = buildStickyNote(centre, text, data, this.ctx);
    this.addElements(note.elements);
    if (Object.keys(data).length > 0) this.snapshot.notes[note.noteId] = { ...data };
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
export function strategyBoard(): { board: FixtureBoard; votes: Map<string, number>; ids: Record<string, string> } {
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

  b.addTheme(100, 1300, 600, 500, {
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
  return { board: b, votes, ids: { auditCarried, sso, ci, billing, formula, html, strengths, weakness, opportunity, matrix: matrix.id, swot: swot.id, map: map.id } };
}
