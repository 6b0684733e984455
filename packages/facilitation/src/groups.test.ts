import { describe, expect, it } from "vitest";
import { type Actor, type Command, Command as CommandSchema, type FacilitationState, applyCommand, initialState, parseState, viewFor } from "./index";
import { T0, alice, bob, fac, must, run, vic } from "./test-actors";
import { partition } from "./group-results";

const ENG = "eng-join-code-0000000001";
const SALES = "sales-join-code-00000001";
const PROD = "prod-join-code-000000001";
const cara: Actor = { participantId: "cara", role: "editor" };
const dan: Actor = { participantId: "dan", role: "editor" };
const eve: Actor = { participantId: "eve", role: "editor" };
const fay: Actor = { participantId: "fay", role: "editor" };
const gus: Actor = { participantId: "gus", role: "editor" };

const refOf = (state: FacilitationState, participantId: string) => state.participants[participantId]!.ref;

/** Three groups and a roster of people who said their names. */
function board(people: Actor[] = [alice, bob, cara, dan, eve, fay, gus]): FacilitationState {
  let s = run(initialState(), [
    [{ type: "groups.define", name: "Engineering", code: ENG }, fac],
    [{ type: "groups.define", name: "Sales", code: SALES }, fac],
    [{ type: "groups.define", name: "Product", code: PROD }, fac],
  ]);
  for (const person of people) s = run(s, [[{ type: "presence.hello", name: person.participantId }, person]]);
  return s;
}

function place(state: FacilitationState, who: Record<string, string | null>): FacilitationState {
  return Object.entries(who).reduce(
    (s, [participantId, groupId]) => run(s, [[{ type: "groups.assign", ref: refOf(s, participantId), groupId }, fac]]),
    state,
  );
}

describe("groups: who may place whom", () => {
  it("the facilitator defines, renames and removes groups; names are unique regardless of case", () => {
    let s = board([]);
    expect(s.groups.list.map((g) => g.name)).toEqual(["Engineering", "Sales", "Product"]);
    expect(applyCommand(s, { type: "groups.define", name: "sales", code: "another-code-0000000" }, fac, T0)).toMatchObject({
      ok: false,
      reason: "conflict",
      message: "there is already a group called sales",
    });
    s = run(s, [[{ type: "groups.rename", groupId: "g3", name: "Product & Design" }, fac]]);
    expect(s.groups.list[2]!.name).toBe("Product & Design");
    s = run(s, [[{ type: "groups.remove", groupId: "g2" }, fac]]);
    expect(s.groups.list.map((g) => g.id)).toEqual(["g1", "g3"]);
    expect(applyCommand(s, { type: "groups.rename", groupId: "g2", name: "X" }, fac, T0)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("a participant sets only their own group, and only while self-pick is on", () => {
    let s = board([alice, bob]);
    s = run(s, [[{ type: "groups.pick", groupId: "g2" }, alice]]);
    expect(s.participants.alice).toMatchObject({ group: "g2", groupBy: "self" });
    expect(s.participants.bob!.group).toBeNull();
    // There is no field to name someone else: the strict schema refuses one.
    expect(CommandSchema.safeParse({ type: "groups.pick", groupId: "g1", participantId: "bob" }).success).toBe(false);
    // Assigning someone else is the facilitator's.
    expect(applyCommand(s, { type: "groups.assign", ref: refOf(s, "bob"), groupId: "g1" }, alice, T0)).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    s = run(s, [[{ type: "groups.settings", selfPick: false }, fac]]);
    expect(applyCommand(s, { type: "groups.pick", groupId: "g1" }, alice, T0)).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "the facilitator assigns groups on this board: ask them to place you",
    });
    s = run(s, [[{ type: "groups.assign", ref: refOf(s, "alice"), groupId: "g1" }, fac]]);
    expect(s.participants.alice).toMatchObject({ group: "g1", groupBy: "facilitator" });
  });

  it("picking needs a name first and an existing group", () => {
    const s = board([]);
    expect(applyCommand(s, { type: "groups.pick", groupId: "g1" }, vic, T0)).toMatchObject({ ok: false, reason: "conflict" });
    const named = run(s, [[{ type: "presence.hello", name: "Vic" }, vic]]);
    expect(applyCommand(named, { type: "groups.pick", groupId: "g9" }, vic, T0)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("a group's join code places its bearer, even with self-pick off; the facilitator's placement wins over an old link", () => {
    let s = run(board([alice, bob]), [[{ type: "groups.settings", selfPick: false }, fac]]);
    s = run(s, [[{ type: "groups.join", code: SALES }, alice]]);
    expect(s.participants.alice).toMatchObject({ group: "g2", groupBy: "link" });
    expect(applyCommand(s, { type: "groups.join", code: "no-such-code-000000000" }, bob, T0)).toMatchObject({
      ok: false,
      reason: "not-found",
      message: "this group link is no longer valid: pick your group or ask the facilitator for a new link",
    });
    s = run(s, [[{ type: "groups.assign", ref: refOf(s, "alice"), groupId: "g1" }, fac]]);
    s = run(s, [[{ type: "groups.join", code: SALES }, alice]]);
    expect(s.participants.alice!.group).toBe("g1");
    // A new link retires the old code.
    s = run(s, [[{ type: "groups.newLink", groupId: "g2", code: "sales-new-code-000000001" }, fac]]);
    expect(applyCommand(s, { type: "groups.join", code: SALES }, bob, T0)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("removing a group leaves its members without one", () => {
    let s = run(board([alice]), [[{ type: "groups.pick", groupId: "g1" }, alice]]);
    s = run(s, [[{ type: "groups.remove", groupId: "g1" }, fac]]);
    expect(s.participants.alice).toMatchObject({ group: null, groupBy: null });
  });

  it("a state stored before groups still parses, with the defaults", () => {
    const { groups: _groups, ...old } = initialState();
    const stored = { ...old, participants: { alice: { name: "Alice", role: "editor", firstSeen: 1 } } };
    const parsed = parseState(JSON.parse(JSON.stringify(stored)));
    expect(parsed.groups.floor).toBe(3);
    expect(parsed.participants.alice).toEqual({ name: "Alice", role: "editor", firstSeen: 1, group: null, groupBy: null, ref: 0 });
  });

  it("only the facilitator's view carries join codes and who is in which group (by handle, never by id)", () => {
    const s = place(board([alice, bob]), { alice: "g1" });
    const mine = viewFor(s, "alice", "editor", T0).groups;
    expect(mine.mine).toBe("g1");
    expect(mine.people).toBeNull();
    expect(mine.list.every((g) => g.code === null)).toBe(true);
    expect(JSON.stringify(viewFor(s, "bob", "editor", T0))).not.toContain(ENG);
    const facilitator = viewFor(s, "fac", "facilitator", T0).groups;
    expect(facilitator.list[0]).toMatchObject({ name: "Engineering", members: 1, code: ENG });
    expect(facilitator.people).toEqual([
      { ref: 1, name: "alice", role: "editor", group: "g1" },
      { ref: 2, name: "bob", role: "editor", group: null },
    ]);
  });
});

describe("anonymity floor: partition", () => {
  it("keeps groups at or above the floor, merges the rest (and people without a group) into Other", () => {
    const { unitOf, otherReported } = partition(new Map([["g1", 3], ["g2", 4], ["g3", 1], ["none", 2]]), 3);
    expect(Object.fromEntries(unitOf)).toEqual({ g1: "g1", g2: "g2", g3: "other", none: "other" });
    expect(otherReported).toBe(true);
  });

  it("an Other below the floor takes the smallest group with it, so nobody can be subtracted out of the room total", () => {
    const { unitOf, otherReported } = partition(new Map([["g1", 4], ["g2", 3], ["g3", 1]]), 3);
    expect(Object.fromEntries(unitOf)).toEqual({ g1: "g1", g2: "other", g3: "other" });
    expect(otherReported).toBe(true);
  });

  it("with nobody at the floor nothing is reported by group", () => {
    const { unitOf, otherReported } = partition(new Map([["g1", 1], ["g2", 1]]), 3);
    expect(Object.fromEntries(unitOf)).toEqual({ g1: "other", g2: "other" });
    expect(otherReported).toBe(false);
  });
});

function scoreAll(state: FacilitationState, scores: Array<[Actor, number, number]>, noteId = "n1"): FacilitationState {
  return run(state, scores.map(([who, impact, effort]): [Command, Actor] => [{ type: "scoring.submit", noteId, impact, effort }, who]));
}

describe("results by group", () => {
  // Engineering: alice, bob, cara (3); Sales: dan, eve, fay (3); Product: gus (1).
  const placed = () => place(board(), { alice: "g1", bob: "g1", cara: "g1", dan: "g2", eve: "g2", fay: "g2", gus: "g3" });

  it("a scoring round: mean and spread per group, cross-group disagreement over the threshold, the one-person group never alone", () => {
    let s = run(placed(), [[{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    s = scoreAll(s, [[alice, 9, 8], [bob, 8, 8], [cara, 7, 8], [dan, 3, 2], [eve, 2, 2], [fay, 4, 2], [gus, 10, 10]]);
    s = scoreAll(s, [[alice, 5, 5], [bob, 5, 5], [cara, 5, 5], [dan, 5, 5], [eve, 5, 5], [fay, 5, 5], [gus, 5, 5]], "n2");
    expect(s.groups.results).toEqual([]);
    s = run(s, [[{ type: "scoring.reveal" }, fac]]);
    const [result] = s.groups.results;
    expect(result).toMatchObject({ kind: "scoring", floor: 3, threshold: 3, measures: ["impact", "effort"], merged: ["Engineering", "Product"] });
    // Product (1) is below the floor; Other would be gus alone, so the smallest group (Engineering, by id on a tie) joins it.
    expect(result!.units).toEqual([{ key: "g2", name: "Sales" }, { key: "other", name: "Other" }]);
    const n1 = result!.items[0]!;
    expect(n1.id).toBe("n1");
    expect(n1.cells).toEqual([
      { key: "g2", count: 3, means: [3, 2], spreads: [0.82, 0] },
      { key: "other", count: 4, means: [8.5, 8.5], spreads: [1.12, 0.87] },
    ]);
    expect(n1).toMatchObject({ gap: 6.5, disagree: true, otherHidden: false });
    expect(result!.items[1]).toMatchObject({ id: "n2", gap: 0, disagree: false });
    expect(result!.participation).toEqual([
      { key: "g1", name: "Engineering", count: 3 },
      { key: "g2", name: "Sales", count: 3 },
      { key: "g3", name: "Product", count: 1 },
    ]);
    // Every cell is at least the floor: gus's 10 is nowhere on its own.
    for (const item of result!.items) for (const cell of item.cells) expect(cell.count).toBeGreaterThanOrEqual(3);
  });

  it("the floor is frozen when a round opens; a later change applies to the next round", () => {
    let s = run(placed(), [[{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    s = run(s, [[{ type: "groups.settings", floor: 2 }, fac]]);
    expect(viewFor(s, "alice", "editor", T0).groups.roundFloors.scoring).toBe(3);
    expect(viewFor(s, "alice", "editor", T0).groups.floor).toBe(2);
    s = scoreAll(s, [[alice, 9, 8], [bob, 8, 8], [gus, 1, 1]]);
    s = run(s, [[{ type: "scoring.reveal" }, fac]]);
    expect(s.groups.results[0]!.floor).toBe(3);
    s = run(s, [[{ type: "scoring.close" }, fac], [{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    expect(viewFor(s, "alice", "editor", T0).groups.roundFloors.scoring).toBe(2);
  });

  it("results are computed once at the reveal: moving people afterwards cannot subtract one person out", () => {
    let s = run(placed(), [[{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    s = scoreAll(s, [[alice, 9, 9], [bob, 9, 9], [cara, 9, 9], [dan, 1, 1], [eve, 1, 1], [fay, 1, 1], [gus, 5, 5]]);
    s = run(s, [[{ type: "scoring.reveal" }, fac]]);
    const before = JSON.stringify(s.groups.results);
    s = place(s, { gus: "g2" });
    expect(JSON.stringify(s.groups.results)).toBe(before);
  });

  it("below the floor everywhere: no group results, and the item says some values are only in the room totals", () => {
    let s = run(board([alice, bob, cara]), [[{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    s = place(s, { alice: "g1", bob: "g2" });
    s = scoreAll(s, [[alice, 9, 9], [bob, 1, 1]]);
    s = run(s, [[{ type: "scoring.reveal" }, fac]]);
    expect(s.groups.results[0]!.items).toEqual([{ id: "n1", cells: [], gap: null, disagree: false, otherHidden: true }]);
  });

  it("a dot vote: mean dots per voter of each group, zero dots included", () => {
    let s = run(placed(), [[{ type: "groups.settings", floor: 3, voteThreshold: 1 }, fac]]);
    s = run(s, [[{ type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: true }, fac]]);
    const cast = (who: Actor, noteId: string, times: number): [Command, Actor][] =>
      Array.from({ length: times }, () => [{ type: "vote.cast", noteId }, who]);
    s = run(s, [...cast(alice, "n1", 3), ...cast(bob, "n1", 3), ...cast(cara, "n2", 3)]);
    s = run(s, [...cast(dan, "n2", 3), ...cast(eve, "n2", 3), ...cast(fay, "n2", 3)]);
    s = run(s, [[{ type: "vote.reveal" }, fac]]);
    const result = s.groups.results[0]!;
    expect(result.units.map((u) => u.key)).toEqual(["g1", "g2"]);
    const n1 = result.items.find((i) => i.id === "n1")!;
    expect(n1.cells).toEqual([
      { key: "g1", count: 3, means: [2], spreads: [1.41] },
      { key: "g2", count: 3, means: [0], spreads: [0] },
    ]);
    expect(n1).toMatchObject({ gap: 2, disagree: true });
  });

  it("a health scorecard rating round: per dimension, with the rating threshold", () => {
    const scorecard = { notesIn: () => null, isScorecard: (id: string) => id === "card" };
    let s = run(placed(), [[{ type: "rating.open", templateId: "card" }, fac]], scorecard);
    const rate = (who: Actor, rating: number): [Command, Actor] => [{ type: "rating.submit", dimension: "security", rating }, who];
    s = run(s, [rate(alice, 5), rate(bob, 4), rate(cara, 5), rate(dan, 2), rate(eve, 1), rate(fay, 2)]);
    s = run(s, [[{ type: "rating.reveal" }, fac]]);
    const result = s.groups.results[0]!;
    expect(result).toMatchObject({ kind: "rating", measures: ["rating"], threshold: 1.5 });
    expect(result.items).toEqual([
      {
        id: "security",
        cells: [
          { key: "g1", count: 3, means: [4.67], spreads: [0.47] },
          { key: "g2", count: 3, means: [1.67], spreads: [0.47] },
        ],
        gap: 3,
        disagree: true,
        otherHidden: false,
      },
    ]);
  });

  it("no groups defined: no results by group", () => {
    let s = run(initialState(), [[{ type: "scoring.open", target: { kind: "board" } }, fac]]);
    s = run(s, [[{ type: "scoring.submit", noteId: "n1", impact: 3, effort: 3 }, alice], [{ type: "scoring.reveal" }, fac]]);
    expect(s.groups.results).toEqual([]);
    expect(must(applyCommand(s, { type: "ready.set", ready: true }, alice, T0)).state.groups.results).toEqual([]);
  });
});
