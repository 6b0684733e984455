import { describe, expect, it } from "vitest";
import {
  type Actor,
  type BoardContext,
  type Command,
  COMMAND_PERMISSION,
  Command as CommandSchema,
  type FacilitationState,
  applyCommand,
  initialState,
  parseState,
  ratingResults,
  viewFor,
} from "./index";
import { T0, alice, bob, fac, must, run as runOn, vic } from "./test-actors";

const board: BoardContext = { notesIn: () => null, isScorecard: (id) => id === "card" };
const run = (state: FacilitationState, steps: [Command, Actor][]) => runOn(state, steps, board);
const opened = (threshold = 1) => run(initialState(), [[{ type: "rating.open", templateId: "card", threshold }, fac]]);

describe("rating round on the health scorecard: permissions", () => {
  const facilitatorOnly: Command[] = [
    { type: "rating.open", templateId: "card", threshold: 1 },
    { type: "rating.reveal" },
    { type: "rating.accept", dimension: "security" },
    { type: "rating.close" },
  ];

  it("open, reveal, accept and close are the facilitator's; editors and viewers are refused and nothing changes", () => {
    const state = run(opened(), [[{ type: "rating.submit", dimension: "security", rating: 2 }, alice]]);
    for (const command of facilitatorOnly) {
      expect(COMMAND_PERMISSION[command.type]).toBe("facilitator");
      for (const actor of [alice, vic]) {
        expect(applyCommand(state, command, actor, T0, board), `${actor.role} ${command.type}`).toMatchObject({
          ok: false,
          reason: "forbidden",
        });
      }
    }
  });

  it("anyone rates, viewers included (an opinion, not an edit)", () => {
    expect(COMMAND_PERMISSION["rating.submit"]).toBe("anyone");
    const s = run(opened(), [[{ type: "rating.submit", dimension: "team-health", rating: 4 }, vic]]);
    expect(viewFor(s, "vic", "viewer", T0).rating?.mine).toEqual({ "team-health": 4 });
  });

  it("bad input is a zod error: a rating outside 1–5, an unknown dimension, a missing template id", () => {
    expect(CommandSchema.safeParse({ type: "rating.submit", dimension: "security", rating: 6 }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: "rating.submit", dimension: "security", rating: 2.5 }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: "rating.submit", dimension: "morale", rating: 3 }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: "rating.open", threshold: 1 }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: "rating.open", templateId: "card", threshold: 5 }).success).toBe(false);
  });
});

describe("rating round on the health scorecard", () => {
  it("opens only on a scorecard of the board; refuses submits before a round opens", () => {
    const notACard = applyCommand(initialState(), { type: "rating.open", templateId: "matrix" }, fac, T0, board);
    expect(notACard).toMatchObject({ ok: false, reason: "not-found" });
    expect(applyCommand(initialState(), { type: "rating.submit", dimension: "security", rating: 3 }, alice, T0)).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    const s = must(applyCommand(initialState(), { type: "rating.open", templateId: "card" }, fac, T0, board)).state;
    expect(s.rating).toMatchObject({ templateId: "card", threshold: 1, status: "open", ratings: {}, accepted: [] });
  });

  it("hides everyone's ratings until the reveal: each person sees only their own, the facilitator a count", () => {
    const s = run(opened(), [
      [{ type: "rating.submit", dimension: "security", rating: 1 }, alice],
      [{ type: "rating.submit", dimension: "scalability", rating: 5 }, bob],
    ]);
    const bobView = viewFor(s, "bob", "editor", T0);
    expect(bobView.rating).toMatchObject({ mine: { scalability: 5 }, raters: null, results: null });
    expect(JSON.stringify(bobView)).not.toContain("security");
    expect(JSON.stringify(bobView)).not.toContain("alice");
    const facView = viewFor(s, "fac", "facilitator", T0);
    expect(facView.rating).toMatchObject({ mine: {}, raters: 2, results: null });
    expect(JSON.stringify(facView.rating)).not.toContain("security");
    expect(JSON.stringify(facView.rating)).not.toContain("scalability");
  });

  it("after the reveal: per dimension the mean, population spread, discuss past the threshold and how many rated; never who", () => {
    let s = run(opened(1), [
      [{ type: "rating.submit", dimension: "security", rating: 1 }, alice],
      [{ type: "rating.submit", dimension: "security", rating: 4 }, bob],
      [{ type: "rating.submit", dimension: "security", rating: 4 }, vic],
      [{ type: "rating.submit", dimension: "reliability", rating: 3 }, alice],
      [{ type: "rating.submit", dimension: "reliability", rating: 2 }, bob],
    ]);
    expect(applyCommand(s, { type: "rating.accept", dimension: "security" }, fac, T0)).toMatchObject({ reason: "conflict" });
    s = run(s, [[{ type: "rating.reveal" }, fac]]);
    expect(applyCommand(s, { type: "rating.submit", dimension: "security", rating: 5 }, alice, T0)).toMatchObject({
      reason: "conflict",
    });
    const results = viewFor(s, "alice", "editor", T0).rating?.results;
    // security: mean 3, variance ((−2)² + 1 + 1)/3 = 2, spread √2 ≈ 1.41 > 1 → discuss.
    // reliability: mean 2.5, spread 0.5 → no discussion; rounds half up to 3.
    expect(results).toEqual([
      { dimension: "reliability", count: 2, mean: 2.5, spread: 0.5, rounded: 3, discuss: false, accepted: false },
      { dimension: "security", count: 3, mean: 3, spread: 1.41, rounded: 3, discuss: true, accepted: false },
    ]);
    expect(JSON.stringify(viewFor(s, "alice", "editor", T0))).not.toContain("bob");
    // A threshold right at the spread does not flag: "past" the threshold.
    const exact = { ...s.rating!, threshold: 0.5 };
    expect(ratingResults(exact).find((r) => r.dimension === "reliability")?.discuss).toBe(false);
  });

  it("accepting writes the rounded mean into that dimension (an effect) and may be repeated", () => {
    const s = run(opened(), [
      [{ type: "rating.submit", dimension: "technical-debt", rating: 1 }, alice],
      [{ type: "rating.submit", dimension: "technical-debt", rating: 2 }, bob],
      [{ type: "rating.submit", dimension: "technical-debt", rating: 2 }, vic],
      [{ type: "rating.reveal" }, fac],
    ]);
    const accepted = must(applyCommand(s, { type: "rating.accept", dimension: "technical-debt" }, fac, T0));
    // mean 5/3 = 1.67 → 2
    expect(accepted.effects).toEqual([{ kind: "set-health-rating", templateId: "card", dimension: "technical-debt", rating: 2 }]);
    expect(viewFor(accepted.state, "bob", "editor", T0).rating?.results?.[0]?.accepted).toBe(true);
    const again = must(applyCommand(accepted.state, { type: "rating.accept", dimension: "technical-debt" }, fac, T0));
    expect(again.state.rating?.accepted).toEqual(["technical-debt"]);
    expect(applyCommand(s, { type: "rating.accept", dimension: "security" }, fac, T0)).toMatchObject({ reason: "not-found" });
  });

  it("a resubmission replaces the earlier rating; closing ends the round", () => {
    let s = run(opened(), [
      [{ type: "rating.submit", dimension: "security", rating: 1 }, alice],
      [{ type: "rating.submit", dimension: "security", rating: 5 }, alice],
      [{ type: "rating.reveal" }, fac],
    ]);
    expect(viewFor(s, "x", "viewer", T0).rating?.results).toEqual([
      { dimension: "security", count: 1, mean: 5, spread: 0, rounded: 5, discuss: false, accepted: false },
    ]);
    s = run(s, [[{ type: "rating.close" }, fac]]);
    expect(s.rating).toBeNull();
    expect(applyCommand(s, { type: "rating.close" }, fac, T0)).toMatchObject({ reason: "conflict" });
  });

  it("survives a JSON round trip with the rest of the control state", () => {
    const s = run(opened(), [[{ type: "rating.submit", dimension: "security", rating: 2 }, alice]]);
    expect(parseState(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
