import { describe, expect, it } from "vitest";
import { applyCommand } from "./reducer";
import { type BoardContext, NO_BOARD } from "./result";
import { FacilitationState, initialState, parseState } from "./state";
import { T0, alice, fac, must, run, vic } from "./test-actors";
import { viewFor } from "./view";

/** A board where "loose" sits outside every frame and "placed" inside one (RULE 33). */
const board: BoardContext = { ...NO_BOARD, toBePlaced: (id) => (id === "loose" ? true : id === "placed" ? false : null) };

describe("notes to be placed are not voted on or scored (RULE 33)", () => {
  it("a vote or a score on a note still to be placed is refused and says what to do; a placed note takes both", () => {
    const s = run(initialState(), [
      [{ type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true }, fac],
      [{ type: "scoring.open", target: { kind: "board" } }, fac],
    ], board);
    const vote = applyCommand(s, { type: "vote.cast", noteId: "loose" }, alice, T0, board);
    expect(vote).toMatchObject({ ok: false, reason: "conflict" });
    expect(vote.ok ? "" : vote.message).toMatch(/to be placed: drag it into a zone/);
    const score = applyCommand(s, { type: "scoring.submit", noteId: "loose", impact: 5, effort: 5 }, vic, T0, board);
    expect(score).toMatchObject({ ok: false, reason: "conflict" });
    must(applyCommand(s, { type: "vote.cast", noteId: "placed" }, alice, T0, board));
    must(applyCommand(s, { type: "scoring.submit", noteId: "placed", impact: 5, effort: 5 }, vic, T0, board));
    // a note the board cannot tell about (a held private note) is not refused
    must(applyCommand(s, { type: "vote.cast", noteId: "held" }, alice, T0, board));
  });
});

describe("note colours (RULE 36)", () => {
  it("the facilitator sets the mode and every role's view shows it; others are refused", () => {
    const s = run(initialState(), [[{ type: "notes.colours", mode: "author" }, fac]]);
    expect(viewFor(s, "vic", "viewer", T0).noteColours).toBe("author");
    expect(viewFor(s, "fac", "facilitator", T0).noteColours).toBe("author");
    expect(applyCommand(s, { type: "notes.colours", mode: "category" }, alice, T0)).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("a state stored before the setting still parses (no reset of a live vote), as category", () => {
    const s = run(initialState(), [[{ type: "vote.open", target: { kind: "board" }, votesPerPerson: 2, allowStacking: false }, fac]]);
    const { noteColours: _dropped, ...stored } = JSON.parse(JSON.stringify(s)) as FacilitationState;
    const parsed = parseState(stored);
    expect(parsed.vote?.votesPerPerson).toBe(2);
    expect(parsed.noteColours).toBe("category");
  });
});
