import {
  type ActionRecord,
  type DecisionRecord,
  type HealthOrigin,
  type NoteOrigin,
  type PairingKind,
  type PairingRecord,
  type ParsedBoard,
  type PrincipleRecord,
  type SummaryField,
  type TemplateInstance,
  type TemplateInstanceKind,
  type ThemeRecord,
} from "@quadrant/board-model";
import { centreOf } from "./geometry";
import { type NotDoingView, notDoingKind, readNotDoing } from "./not-doing";
import { byText } from "./note-order";
import { boundTextIndex, isNote, noteText } from "./notes";
import { readActions, readDecisions, readPrinciples, readSummary } from "./outcomes";
import { type FramedThing, placeCentre, themeAt, withFrames } from "./placement";
import { type Quarter, rank, roadmap } from "./ranking";
import { type ScorecardView, readScorecards } from "./scorecard";
import { DEFAULT_RISK, DEFAULT_URGENCY, priorityOf, scoresFromPosition } from "./scores";

export type Votes = ReadonlyMap<string, number>;

export interface NoteView {
  id: string;
  text: string;
  author: string | null;
  origin: NoteOrigin | null;
  templateId: string | null;
  templateKind: TemplateInstanceKind | null;
  zoneId: string | null;
  /** Zone name: a quadrant name on a matrix, a SWOT area on a SWOT. */
  zoneName: string | null;
  themeId: string | null;
  themeName: string | null;
  /** Only on an impact/effort matrix (RULE 6). */
  impact: number | null;
  effort: number | null;
  urgency: number;
  risk: number;
  priority: number | null;
  votes: number;
  owner: string | null;
  /** A quarter ("2027-Q1") or a date ("2027-03-31"). */
  due: string | null;
  /** Set when the group explicitly decided not to do it (RULE 28). */
  dropped: { reason: string } | null;
  /** Set on a note carried from a low-scoring health dimension (RULE 29). */
  healthOrigin: HealthOrigin | null;
}

export type ScoredNote = NoteView & { impact: number; effort: number; priority: number };

export interface ThemeView {
  theme: ThemeRecord;
  notes: NoteView[];
}

export interface SwotView {
  instance: TemplateInstance;
  /** zone id → notes in that zone, in text order. */
  items: Record<string, NoteView[]>;
  pairings: PairingRecord[];
}

export interface BoardView {
  notes: NoteView[];
  templates: TemplateInstance[];
  /** Notes on impact/effort matrices in rank order (RULE 12). */
  ranked: ScoredNote[];
  /** RULE 13: the ranked list without what the group is not doing (RULE 28). */
  roadmap: Record<Quarter, ScoredNote[]>;
  swots: SwotView[];
  themes: ThemeView[];
  /** Notes inside a theme map but in no theme (RULE 11). */
  unthemed: NoteView[];
  /** Equal to summary.vision (kept for the panels that read it). */
  vision: string;
  /** RULE 26: every summary field, "" when not set. */
  summary: Record<SummaryField, string>;
  principles: PrincipleRecord[];
  /** By ADR number. */
  decisions: DecisionRecord[];
  /** Open first, then done. */
  actions: ActionRecord[];
  scorecards: ScorecardView[];
  notDoing: NotDoingView[];
}

export function isScored(n: NoteView): n is ScoredNote {
  return n.impact !== null && n.effort !== null && n.priority !== null;
}

/** Reads the whole board: every note's placement, scores and theme, and the derived lists. */
export function interpretBoard(board: ParsedBoard, votes: Votes = new Map()): BoardView {
  const boundText = boundTextIndex(board.elements);
  const templates: FramedThing<TemplateInstance>[] = withFrames(board.templates, board.elementsById);
  const themeRecords = board.records.filter((r): r is ThemeRecord => r.kind === "theme");
  const themes = withFrames(themeRecords, board.elementsById);

  const notes: NoteView[] = [];
  for (const e of board.elements) {
    const data = board.notes.get(e.id);
    if (!isNote(e, data !== undefined, boundText)) continue;
    const centre = centreOf(e);
    const placement = placeCentre(templates, centre);
    const theme = themeAt(themes, centre);
    const urgency = data?.urgency ?? DEFAULT_URGENCY;
    const risk = data?.risk ?? DEFAULT_RISK;
    const view: NoteView = {
      id: e.id,
      text: noteText(e, boundText),
      author: data?.author ?? null,
      origin: data?.origin ?? null,
      templateId: null,
      templateKind: null,
      zoneId: null,
      zoneName: null,
      themeId: theme?.id ?? null,
      themeName: theme?.name ?? null,
      impact: null,
      effort: null,
      urgency,
      risk,
      priority: null,
      votes: votes.get(e.id) ?? 0,
      owner: data?.owner ?? null,
      due: data?.due ?? null,
      dropped: data?.dropped ?? null,
      healthOrigin: data?.healthOrigin ?? null,
    };
    if (placement.kind === "placed") {
      view.templateId = placement.instance.id;
      view.templateKind = placement.instance.kind;
      view.zoneId = placement.zone?.id ?? null;
      view.zoneName = placement.zone?.name ?? null;
      if (placement.instance.kind === "impact-effort") {
        const s = scoresFromPosition(placement.frame, centre);
        view.impact = s.impact;
        view.effort = s.effort;
        view.priority = priorityOf({ ...s, urgency, risk });
      }
    }
    notes.push(view);
  }

  const ranked = rank(notes.filter(isScored));
  const pairings = board.records.filter((r): r is PairingRecord => r.kind === "pairing");
  const swots: SwotView[] = board.templates
    .filter((t) => t.kind === "swot")
    .map((instance) => {
      const items: Record<string, NoteView[]> = {};
      for (const z of instance.zones) {
        items[z.id] = notes.filter((n) => n.templateId === instance.id && n.zoneId === z.id).sort(byText);
      }
      return { instance, items, pairings: pairings.filter((p) => p.templateId === instance.id) };
    });
  const themeViews: ThemeView[] = themes
    .map(({ item }) => ({ theme: item, notes: notes.filter((n) => n.themeId === item.id).sort(byText) }))
    .sort((a, b) => (a.theme.name !== b.theme.name ? (a.theme.name < b.theme.name ? -1 : 1) : a.theme.id < b.theme.id ? -1 : 1));
  const unthemed = notes.filter((n) => n.templateKind === "theme-map" && n.themeId === null).sort(byText);
  const summary = readSummary(board.records);

  return {
    notes,
    templates: board.templates,
    ranked,
    roadmap: roadmap(ranked.filter((n) => notDoingKind(n) === null)),
    swots,
    themes: themeViews,
    unthemed,
    vision: summary.vision,
    summary,
    principles: readPrinciples(board.records),
    decisions: readDecisions(board.records),
    actions: readActions(board.records),
    scorecards: readScorecards(board.templates, board.records, notes),
    notDoing: readNotDoing(notes),
  };
}

/** RULE 14: the pairing kinds and which SWOT zones each draws its items from. */
export const PAIRING_SOURCES: Record<PairingKind, { label: string; zones: [string, string] }> = {
  SO: { label: "S×O", zones: ["strengths", "opportunities"] },
  WO: { label: "W×O", zones: ["weaknesses", "opportunities"] },
  ST: { label: "S×T", zones: ["strengths", "threats"] },
  WT: { label: "W×T", zones: ["weaknesses", "threats"] },
};
