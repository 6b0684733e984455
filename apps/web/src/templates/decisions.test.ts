import { describe, expect, it } from "vitest";
import { DecisionRecord } from "@quadrant/board-model";
import type { FacilitationView } from "@quadrant/facilitation";
import {
  evidenceFromNotes,
  evidenceFromScoring,
  evidenceFromVote,
  newDecision,
  nextDecisionNumber,
  oneLine,
  renumberDuplicates,
  revealedScoring,
  revealedVote,
  titleFromNotes,
  withStatus,
} from "./decisions";

const T0 = new Date(2027, 2, 31, 10, 0).getTime();
const start = (over: Partial<Parameters<typeof newDecision>[0]> = {}) =>
  newDecision({ id: "d1", number: 1, title: "Adopt SSO", now: T0, by: "Ann", ...over });

describe("decision records (ADR) in the decisions panel", () => {
  it("numbers a new ADR max + 1, gaps included", () => {
    expect(nextDecisionNumber([])).toBe(1);
    expect(nextDecisionNumber([{ number: 1 }, { number: 4 }, { number: 2 }])).toBe(5);
  });

  it("starts a record proposed, dated today, with its creator in the history, and valid", () => {
    const d = start({ noteIds: ["n1"], evidence: { kind: "notes", items: [{ noteId: "n1", label: "SSO" }] } });
    expect(d).toMatchObject({ number: 1, title: "Adopt SSO", status: "proposed", date: "2027-03-31", reviewDate: "", createdAt: T0 });
    expect(d.history).toEqual([{ at: T0, status: "proposed", by: "Ann" }]);
    expect(DecisionRecord.parse(d)).toEqual(d);
  });

  it("appends every status change to the history with time and editor", () => {
    const accepted = withStatus(start(), "accepted", { at: T0 + 1000, by: "Bo" });
    expect(accepted.status).toBe("accepted");
    expect(accepted.history.map((h) => [h.status, h.by, h.at])).toEqual([
      ["proposed", "Ann", T0],
      ["accepted", "Bo", T0 + 1000],
    ]);
    const superseded = withStatus(accepted, "superseded", { at: T0 + 2000, by: "Cy", supersededBy: 3 });
    expect(superseded).toMatchObject({ status: "superseded", supersededBy: 3 });
    expect(superseded.history).toHaveLength(3);
    expect(DecisionRecord.parse(superseded)).toEqual(superseded);
  });

  it("changing only the superseding ADR adds no history entry; leaving 'superseded' drops the link", () => {
    const s = withStatus(start(), "superseded", { at: T0 + 1, by: "Ann", supersededBy: 2 });
    const renamed = withStatus(s, "superseded", { at: T0 + 2, by: "Ann", supersededBy: 4 });
    expect(renamed.supersededBy).toBe(4);
    expect(renamed.history).toHaveLength(2);
    const back = withStatus(renamed, "accepted", { at: T0 + 3, by: "Ann" });
    expect(back.supersededBy).toBeUndefined();
    expect("supersededBy" in back).toBe(false);
  });

  it("titles a decision from its note(s), on one line", () => {
    expect(titleFromNotes([])).toBe("");
    expect(titleFromNotes([{ text: "Buy an\nIdP" }])).toBe("Buy an IdP");
    expect(titleFromNotes([{ text: "Buy an IdP" }, { text: "b" }, { text: "c" }])).toBe("Buy an IdP (+ 2 more)");
    expect(titleFromNotes([{ text: "x".repeat(300) }]).length).toBeLessThanOrEqual(120);
    expect(oneLine("a   b\tc", 10)).toBe("a b c");
  });

  it("copies revealed vote totals into the evidence, labelled by note text, in ranking order", () => {
    const texts = new Map([["a", "SSO"], ["b", "Audit log"]]);
    const evidence = evidenceFromVote([{ noteId: "b", votes: 5 }, { noteId: "a", votes: 2 }, { noteId: "gone", votes: 1 }], texts);
    expect(evidence).toEqual({
      kind: "vote",
      items: [
        { noteId: "b", label: "Audit log", votes: 5 },
        { noteId: "a", label: "SSO", votes: 2 },
        { noteId: "gone", label: "(note removed)", votes: 1 },
      ],
    });
  });

  it("copies scoring means, spreads and the discuss flag into the evidence", () => {
    const evidence = evidenceFromScoring(
      [{ noteId: "a", count: 4, meanImpact: 7.5, meanEffort: 3, spreadImpact: 4, spreadEffort: 1, discuss: true, accepted: false }],
      new Map([["a", "SSO"]]),
    );
    expect(evidence).toEqual({
      kind: "scoring",
      items: [{ noteId: "a", label: "SSO", meanImpact: 7.5, spreadImpact: 4, meanEffort: 3, spreadEffort: 1, discuss: true }],
    });
    expect(evidenceFromNotes([{ id: "n", text: "A\nB" }])).toEqual({ kind: "notes", items: [{ noteId: "n", label: "A B" }] });
  });

  it("reads revealed results from the facilitation view: the revealed open vote, else the newest finished one", () => {
    const base = { vote: null, voteResults: [], scoring: null } as unknown as FacilitationView;
    expect(revealedVote(null)).toBeNull();
    expect(revealedVote(base)).toBeNull();
    const finished = { ...base, voteResults: [{ voteId: 1, target: {}, ranking: [{ noteId: "old", votes: 1 }] }, { voteId: 2, target: {}, ranking: [{ noteId: "new", votes: 3 }] }] } as unknown as FacilitationView;
    expect(revealedVote(finished)).toEqual([{ noteId: "new", votes: 3 }]);
    const open = { ...finished, vote: { status: "revealed", results: [{ noteId: "open", votes: 2 }] } } as unknown as FacilitationView;
    expect(revealedVote(open)).toEqual([{ noteId: "open", votes: 2 }]);
    const closed = { ...finished, vote: { status: "closed", results: null } } as unknown as FacilitationView;
    expect(revealedVote(closed)).toEqual([{ noteId: "new", votes: 3 }]);
    const scoringOpen = { ...base, scoring: { status: "open", results: null } } as unknown as FacilitationView;
    expect(revealedScoring(scoringOpen)).toBeNull();
    const scoringDone = { ...base, scoring: { status: "revealed", results: [] } } as unknown as FacilitationView;
    expect(revealedScoring(scoringDone)).toEqual([]);
  });

  it("repairs two ADRs created at once with the same number: the older keeps it", () => {
    const a = start({ id: "a", number: 3, now: T0 });
    const b = start({ id: "b", number: 3, now: T0 + 5 });
    const c = start({ id: "c", number: 1, now: T0 });
    expect(renumberDuplicates([b, a, c]).map((d) => [d.id, d.number])).toEqual([["b", 4]]);
    expect(renumberDuplicates([a, c])).toEqual([]);
  });
});
