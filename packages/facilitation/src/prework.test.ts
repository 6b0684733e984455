import { describe, expect, it } from "vitest";
import { type BoardContext, type Command, type Target, applyCommand, initialState, parseState, scoringResults, viewFor } from "./index";
import { T0, alice, bob, fac, must, run, vic } from "./test-actors";

const HOUR = 3_600_000;
const NOTES: Target = { kind: "notes", noteIds: ["n1", "n2", "n3"] };
const BOARD: BoardContext = {
  notesIn: (target) => (target.kind === "notes" ? [...target.noteIds] : ["n1", "n2", "n3"]),
  isScorecard: () => null,
  noteTexts: (target) => (target.kind === "notes" ? target.noteIds : ["n1", "n2", "n3"]).map((noteId) => ({ noteId, text: `text of ${noteId}` })),
};

const open = (kind: "scoring" | "vote" | "brainstorm", extra: Partial<Extract<Command, { type: "prework.open" }>> = {}) =>
  run(initialState(), [[{ type: "prework.open", kind, target: NOTES, deadline: T0 + HOUR, instruction: "Before Thursday", ...extra }, fac]], BOARD);

const score = (impact: number, effort: number) => ({ impact, effort });
const submitScores = (scores: Record<string, { impact: number; effort: number }>, name: string): Command => ({
  type: "prework.submit",
  name,
  answer: { kind: "scoring", scores },
});

describe("pre-work: opening", () => {
  it("copies the target's notes and their words, so the page needs no board", () => {
    const s = open("scoring");
    expect(s.prework).toMatchObject({ kind: "scoring", status: "open", deadline: T0 + HOUR, instruction: "Before Thursday" });
    expect(s.prework?.items).toEqual([
      { noteId: "n1", text: "text of n1" },
      { noteId: "n2", text: "text of n2" },
      { noteId: "n3", text: "text of n3" },
    ]);
  });

  it("refuses a deadline in the past, a second open pre-work, and a target without notes", () => {
    const past = applyCommand(initialState(), { type: "prework.open", kind: "vote", target: NOTES, deadline: T0 - 1 }, fac, T0, BOARD);
    expect(past).toMatchObject({ ok: false, message: "the deadline must be in the future" });
    const again = applyCommand(open("vote"), { type: "prework.open", kind: "vote", target: NOTES, deadline: T0 + HOUR }, fac, T0, BOARD);
    expect(again).toMatchObject({ ok: false, reason: "conflict" });
    const empty: BoardContext = { notesIn: () => [], isScorecard: () => null, noteTexts: () => [] };
    const none = applyCommand(initialState(), { type: "prework.open", kind: "scoring", target: { kind: "board" }, deadline: T0 + HOUR }, fac, T0, empty);
    expect(none).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("is the facilitator's to open, extend, close, reveal and clear", () => {
    for (const command of [
      { type: "prework.open", kind: "vote", target: NOTES, deadline: T0 + HOUR },
      { type: "prework.extend", deadline: T0 + 2 * HOUR },
      { type: "prework.close" },
      { type: "prework.reveal" },
      { type: "prework.clear" },
    ] satisfies Command[]) {
      expect(applyCommand(open("vote"), command, alice, T0, BOARD)).toMatchObject({ ok: false, reason: "forbidden" });
    }
  });
});

describe("pre-work: answering", () => {
  it("takes an answer before the deadline and replaces it on resubmission", () => {
    let s = run(open("scoring"), [[submitScores({ n1: score(8, 2) }, "Alice"), alice, T0 + 10]]);
    s = run(s, [[submitScores({ n1: score(9, 3), n2: score(4, 4) }, "Alice"), alice, T0 + 20]]);
    expect(s.prework?.submissions["alice"]).toEqual({
      name: "Alice",
      at: T0 + 20,
      answer: { kind: "scoring", scores: { n1: score(9, 3), n2: score(4, 4) } },
    });
    // Doing the pre-work is taking part: the roster (brief, groups) knows them.
    expect(s.participants["alice"]).toMatchObject({ name: "Alice", role: "editor" });
  });

  it("refuses an answer at the deadline with the closing time and what to do", () => {
    const s = open("scoring");
    const late = applyCommand(s, submitScores({ n1: score(5, 5) }, "Alice"), alice, T0 + HOUR, BOARD);
    expect(late).toEqual({
      ok: false,
      reason: "conflict",
      message: `Pre-work closed at ${new Date(T0 + HOUR).toISOString().slice(0, 16).replace("T", " ")} UTC; ask the facilitator to extend it`,
    });
  });

  it("extending reopens it; closing early refuses from then on", () => {
    let s = run(open("scoring"), [[{ type: "prework.extend", deadline: T0 + 3 * HOUR }, fac, T0 + 2 * HOUR]]);
    expect(applyCommand(s, submitScores({ n1: score(5, 5) }, "Alice"), alice, T0 + 2 * HOUR + 1).ok).toBe(true);
    s = run(s, [[{ type: "prework.close" }, fac, T0 + 2 * HOUR + 5]]);
    const late = applyCommand(s, submitScores({ n1: score(5, 5) }, "Alice"), alice, T0 + 2 * HOUR + 6);
    expect(late).toMatchObject({ ok: false, message: expect.stringMatching(/^Pre-work closed at .*; ask the facilitator to extend it$/) });
  });

  it("refuses answers that do not fit: another kind, unknown items, too many or stacked votes", () => {
    const scoring = open("scoring");
    expect(applyCommand(scoring, { type: "prework.submit", name: "A", answer: { kind: "vote", ballot: { n1: 1 } } }, alice, T0)).toMatchObject({ ok: false });
    expect(applyCommand(scoring, submitScores({ elsewhere: score(1, 1) }, "A"), alice, T0)).toMatchObject({ ok: false });
    expect(applyCommand(scoring, submitScores({}, "A"), alice, T0)).toMatchObject({ ok: false, message: "score at least one item" });
    const vote = open("vote", { votesPerPerson: 2, allowStacking: false });
    const ballot = (b: Record<string, number>): Command => ({ type: "prework.submit", name: "A", answer: { kind: "vote", ballot: b } });
    expect(applyCommand(vote, ballot({ n1: 1, n2: 1, n3: 1 }), alice, T0)).toMatchObject({ ok: false, message: "you have 2 votes, not 3" });
    expect(applyCommand(vote, ballot({ n1: 2 }), alice, T0)).toMatchObject({ ok: false, message: "this vote does not allow stacking votes on one item" });
    expect(applyCommand(vote, ballot({ n1: 1, n3: 1 }), vic, T0).ok).toBe(true);
  });

  it("lets viewers score and vote but not add brainstorm notes (they become board content)", () => {
    const s = open("brainstorm");
    const notes: Command = { type: "prework.submit", name: "Vic", answer: { kind: "brainstorm", notes: ["idea"] } };
    expect(applyCommand(s, notes, vic, T0)).toMatchObject({ ok: false, message: expect.stringContaining("editor link") });
    expect(applyCommand(s, notes, alice, T0).ok).toBe(true);
  });
});

describe("pre-work: who sees what", () => {
  it("nobody sees another's answer; the facilitator sees who finished, by name only", () => {
    const s = run(open("scoring"), [
      [submitScores({ n1: score(9, 1) }, "Alice"), alice, T0 + 1],
      [submitScores({ n1: score(2, 8) }, "Bob"), bob, T0 + 2],
    ]);
    const bobView = viewFor(s, "bob", "editor", T0 + 3).prework;
    expect(bobView?.mine?.answer).toEqual({ kind: "scoring", scores: { n1: score(2, 8) } });
    expect(bobView?.finished).toBeNull();
    const facView = viewFor(s, "fac", "facilitator", T0 + 3);
    expect(facView.prework?.finished).toEqual({ count: 2, who: [{ name: "Alice", at: T0 + 1 }, { name: "Bob", at: T0 + 2 }] });
    expect(facView.prework?.mine).toBeNull();
    const text = JSON.stringify(facView);
    expect(text).not.toContain('"impact":9');
    expect(text).not.toContain("alice");
  });

  it("closed is true at the deadline", () => {
    const s = open("vote");
    expect(viewFor(s, "alice", "editor", T0 + HOUR - 1).prework?.closed).toBe(false);
    expect(viewFor(s, "alice", "editor", T0 + HOUR).prework?.closed).toBe(true);
  });
});

describe("pre-work: the reveal becomes the ordinary round", () => {
  it("scoring: a revealed scoring round with the same results, spread and accept-mean as a live one", () => {
    let s = run(open("scoring", { threshold: 1 }), [
      [submitScores({ n1: score(9, 1), n2: score(5, 5) }, "Alice"), alice, T0 + 1],
      [submitScores({ n1: score(3, 1) }, "Bob"), bob, T0 + 2],
      [{ type: "prework.reveal" }, fac, T0 + 2 * HOUR],
    ]);
    expect(s.scoring).toMatchObject({ status: "revealed", threshold: 1, noteIds: ["n1", "n2", "n3"] });
    const live = run(initialState(), [
      [{ type: "scoring.open", target: NOTES, threshold: 1 }, fac],
      [{ type: "scoring.submit", noteId: "n1", impact: 9, effort: 1 }, alice],
      [{ type: "scoring.submit", noteId: "n2", impact: 5, effort: 5 }, alice],
      [{ type: "scoring.submit", noteId: "n1", impact: 3, effort: 1 }, bob],
      [{ type: "scoring.reveal" }, fac],
    ]);
    expect(scoringResults(s.scoring!)).toEqual(scoringResults(live.scoring!));
    expect(scoringResults(s.scoring!).find((r) => r.noteId === "n1")).toMatchObject({ meanImpact: 6, discuss: true });
    // The answers left the pre-work; who did it stays.
    expect(s.prework?.status).toBe("revealed");
    expect(Object.values(s.prework!.submissions).map((x) => x.answer)).toEqual([null, null]);
    const accepted = must(applyCommand(s, { type: "scoring.accept", noteId: "n1" }, fac, T0 + 2 * HOUR));
    expect(accepted.effects).toEqual([{ kind: "move-note", noteId: "n1", impact: 6, effort: 1 }]);
    s = accepted.state;
    expect(s.scoring?.accepted).toEqual(["n1"]);
  });

  it("vote: a revealed vote with its ranking recorded in voteResults", () => {
    const s = run(open("vote", { votesPerPerson: 3 }), [
      [{ type: "prework.submit", name: "Alice", answer: { kind: "vote", ballot: { n1: 2, n2: 1 } } }, alice],
      [{ type: "prework.submit", name: "Bob", answer: { kind: "vote", ballot: { n2: 3 } } }, bob],
      [{ type: "prework.reveal" }, fac],
    ]);
    expect(s.vote).toMatchObject({ status: "revealed", votesPerPerson: 3 });
    expect(s.voteResults.at(-1)?.ranking).toEqual([
      { noteId: "n2", votes: 4 },
      { noteId: "n1", votes: 2 },
    ]);
    expect(viewFor(s, "vic", "viewer", T0).vote?.results).toEqual(s.voteResults.at(-1)?.ranking);
  });

  it("brainstorm: every note in one insert effect, oldest submission first", () => {
    const s = open("brainstorm");
    const a = must(applyCommand(s, { type: "prework.submit", name: "Bob", answer: { kind: "brainstorm", notes: ["b1"] } }, bob, T0 + 1));
    const b = must(applyCommand(a.state, { type: "prework.submit", name: "Alice", answer: { kind: "brainstorm", notes: ["a1", "a2"] } }, alice, T0 + 2));
    const revealed = must(applyCommand(b.state, { type: "prework.reveal" }, fac, T0 + 3));
    expect(revealed.effects).toEqual([{ kind: "insert-prework-notes", preworkId: s.prework!.id, notes: ["b1", "a1", "a2"] }]);
    expect(revealed.state.prework?.status).toBe("revealed");
  });

  it("refuses to reveal over a live round that is still open, and twice", () => {
    const live = run(open("scoring"), [[{ type: "scoring.open", target: NOTES }, fac]]);
    expect(applyCommand(live, { type: "prework.reveal" }, fac, T0)).toMatchObject({ ok: false, message: "a live scoring round is open: reveal or end it first" });
    const once = run(open("vote"), [[{ type: "prework.reveal" }, fac]]);
    expect(applyCommand(once, { type: "prework.reveal" }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("pre-work: persistence", () => {
  it("a state stored before pre-work existed still parses (no pre-work)", () => {
    const stored = { ...initialState() } as Record<string, unknown>;
    delete stored["prework"];
    expect(parseState(JSON.parse(JSON.stringify(stored))).prework).toBeNull();
  });

  it("a state with an open pre-work round-trips through JSON", () => {
    const s = run(open("scoring"), [[submitScores({ n1: score(9, 1) }, "Alice"), alice]]);
    expect(parseState(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
