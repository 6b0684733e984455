import {
  type DecisionRecord,
  type NoteOrigin,
  type PairingKind,
  type PairingRecord,
  type ParsedBoard,
  type TemplateInstance,
  type TemplateInstanceKind,
  type ThemeRecord,
  VISION_RECORD_ID,
} from "@quadrant/board-model";
import { centreOf } from "./geometry";
import { boundTextIndex, isNote, noteText } from "./notes";
import { type FramedThing, placeCentre, themeAt, withFrames } from "./placement";
import { type Quarter, rank, roadmap } from "./ranking";
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
  roadmap: Record<Quarter, ScoredNote[]>;
  swots: SwotView[];
  themes: ThemeView[];
  /** Notes inside a theme map but in no theme (RULE 11). */
  unthemed: NoteView[];
  vision: string;
  decisions: DecisionRecord[];
}

function byText(a: NoteView, b: NoteView): number {
  if (a.text !== b.text) return a.text < b.text ? -1 : 1;
  return a.id < b.id ? -1 : 1;
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
  const vision = board.records.find((r) => r.kind === "vision" && r.id === VISION_RECORD_ID);
  const decisions = board.records
    .filter((r): r is DecisionRecord => r.kind === "decision")
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  return {
    notes,
    templates: board.templates,
    ranked,
    roadmap: roadmap(ranked),
    swots,
    themes: themeViews,
    unthemed,
    vision: vision?.kind === "vision" ? vision.text : "",
    decisions,
  };
}

/** RULE 14: the pairing kinds and which SWOT zones each draws its items from. */
export const PAIRING_SOURCES: Record<PairingKind, { label: string; zones: [string, string] }> = {
  SO: { label: "S×O", zones: ["strengths", "opportunities"] },
  WO: { label: "W×O", zones: ["weaknesses", "opportunities"] },
  ST: { label: "S×T", zones: ["strengths", "threats"] },
  WT: { label: "W×T", zones: ["weaknesses", "threats"] },
};
