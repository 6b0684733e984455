import type { DecisionEvidence, DecisionRecord, DecisionStatus } from "@quadrant/board-model";
import type { FacilitationView } from "@quadrant/facilitation";
import { localIsoDate } from "./due";

/**
 * Pure steps of the decisions panel: numbering, the first version of a record, status
 * changes with their history, and the evidence copied in from revealed results. The clock,
 * ids and the editor's name are arguments (house rule 7); the panel passes the browser's.
 */

type VoteRanking = NonNullable<NonNullable<FacilitationView["vote"]>["results"]>;
type ScoringResults = NonNullable<NonNullable<FacilitationView["scoring"]>["results"]>;

/** A decision's title and an evidence label are one line of at most this many characters (schema: 500). */
const TITLE_MAX = 120;
const LABEL_MAX = 500;
/** The schema's cap on evidence items and note ids. */
const ITEMS_MAX = 200;

/** One line: runs of whitespace (line breaks included) become one space; cut with "…". */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** ADR numbers are max + 1, so a number is never reused while its record exists. */
export function nextDecisionNumber(decisions: readonly Pick<DecisionRecord, "number">[]): number {
  return decisions.reduce((max, d) => Math.max(max, d.number), 0) + 1;
}

export interface DecisionStart {
  id: string;
  number: number;
  title: string;
  /** ms since the epoch: the record's date, createdAt and first history entry. */
  now: number;
  /** Display name of the person who creates it (the first history entry's `by`). */
  by: string;
  noteIds?: readonly string[];
  evidence?: DecisionEvidence;
}

/** A new ADR: proposed, dated today, every text field empty until the group fills it in. */
export function newDecision(start: DecisionStart): DecisionRecord {
  return {
    kind: "decision",
    id: start.id,
    number: start.number,
    title: oneLine(start.title, TITLE_MAX),
    status: "proposed",
    date: localIsoDate(start.now),
    deciders: "",
    context: "",
    decision: "",
    consequences: { positive: "", negative: "", neutral: "" },
    alternatives: [],
    implementation: "",
    reviewDate: "",
    noteIds: [...(start.noteIds ?? [])].slice(0, ITEMS_MAX),
    history: [{ at: start.now, status: "proposed", by: oneLine(start.by, LABEL_MAX) }],
    createdAt: start.now,
    ...(start.evidence ? { evidence: start.evidence } : {}),
  };
}

/**
 * Sets the status. A change of status is appended to the history (when and by whom);
 * `supersededBy` is kept only with "superseded". Setting the same status again changes
 * only `supersededBy`, and adds no history entry.
 */
export function withStatus(
  decision: DecisionRecord,
  status: DecisionStatus,
  change: { at: number; by: string; supersededBy?: number },
): DecisionRecord {
  const { supersededBy: _previous, ...rest } = decision;
  const next: DecisionRecord = { ...rest, status };
  const by = status === "superseded" ? (change.supersededBy ?? decision.supersededBy) : undefined;
  if (by !== undefined) next.supersededBy = by;
  if (status !== decision.status) {
    next.history = [...decision.history, { at: change.at, status, by: oneLine(change.by, LABEL_MAX) }].slice(-ITEMS_MAX);
  }
  return next;
}

/** A title from the notes a decision is made from: the first note's text, "+ n more" for a selection. */
export function titleFromNotes(notes: readonly { text: string }[]): string {
  const first = notes[0];
  if (!first) return "";
  const more = notes.length > 1 ? ` (+ ${notes.length - 1} more)` : "";
  return oneLine(first.text, TITLE_MAX - more.length) + more;
}

/** Texts by note id; a note that has gone since the vote keeps a label that says so. */
export type NoteTexts = ReadonlyMap<string, string>;
const labelOf = (texts: NoteTexts, noteId: string): string => oneLine(texts.get(noteId) ?? "(note removed)", LABEL_MAX);

export function evidenceFromNotes(notes: readonly { id: string; text: string }[]): DecisionEvidence {
  return { kind: "notes", items: notes.slice(0, ITEMS_MAX).map((n) => ({ noteId: n.id, label: oneLine(n.text, LABEL_MAX) })) };
}

/** The revealed totals, as ranked (most votes first); only totals exist, never who voted what. */
export function evidenceFromVote(ranking: VoteRanking, texts: NoteTexts): DecisionEvidence {
  return {
    kind: "vote",
    items: ranking.slice(0, ITEMS_MAX).map((r) => ({ noteId: r.noteId, label: labelOf(texts, r.noteId), votes: r.votes })),
  };
}

/** Means and spreads of a revealed scoring round, with the "discuss" flag the group saw. */
export function evidenceFromScoring(results: ScoringResults, texts: NoteTexts): DecisionEvidence {
  return {
    kind: "scoring",
    items: results.slice(0, ITEMS_MAX).map((r) => ({
      noteId: r.noteId,
      label: labelOf(texts, r.noteId),
      meanImpact: r.meanImpact,
      spreadImpact: r.spreadImpact,
      meanEffort: r.meanEffort,
      spreadEffort: r.spreadEffort,
      discuss: r.discuss,
    })),
  };
}

/**
 * The dot-vote totals the group has seen: the open vote once revealed, else the newest
 * finished one (the rule of the brief's vote column; useVotes reads the panels' totals with it). Null before any reveal.
 */
export function revealedVote(view: FacilitationView | null): VoteRanking | null {
  if (!view) return null;
  if (view.vote?.status === "revealed" && view.vote.results) return view.vote.results;
  return view.voteResults.at(-1)?.ranking ?? null;
}

/** The scoring round's results, once revealed. */
export function revealedScoring(view: FacilitationView | null): ScoringResults | null {
  return view?.scoring?.status === "revealed" ? view.scoring.results : null;
}

/**
 * Two people creating a decision at the same moment both take max + 1. Every editor's
 * panel repairs it the same way, so the writes agree: in each group sharing a number the
 * oldest record (createdAt, then id) keeps it and the others get the next free numbers.
 */
export function renumberDuplicates(decisions: readonly DecisionRecord[]): DecisionRecord[] {
  const sorted = [...decisions].sort((a, b) => a.number - b.number || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let next = nextDecisionNumber(decisions);
  const seen = new Set<number>();
  const changed: DecisionRecord[] = [];
  for (const d of sorted) {
    if (!seen.has(d.number)) {
      seen.add(d.number);
      continue;
    }
    changed.push({ ...d, number: next++ });
  }
  return changed;
}

