import { describe, expect, it } from "vitest";
import { FacilitationBackup, backupOf, initialState, restoredState } from "./index";
import type { GroupRoundResult } from "./state";
import { T0, alice, bob, fac, run } from "./test-actors";

const ENG = "engineering-join-code-0001";

/** A stored result by group of round `roundId` (only the fields the backup round trip needs to carry). */
function result(roundId: number): GroupRoundResult {
  return {
    roundId,
    kind: "scoring",
    floor: 2,
    threshold: 3,
    measures: ["impact", "effort"],
    units: [{ key: "g1", name: "Engineering" }],
    participation: [{ key: "g1", name: "Engineering", count: 2 }],
    merged: [],
    items: [{ id: "note-1", cells: [{ key: "g1", count: 2, means: [7, 3], spreads: [1, 1] }], gap: null, disagree: false, otherHidden: false }],
  };
}

let codes = 0;
const newCode = () => `restored-join-code-${String(++codes).padStart(4, "0")}`;

describe("groups and pre-work in a JSON backup", () => {
  it("carries group names, settings and membership by name, never a join code or a participant id", () => {
    const state = run(initialState(), [
      [{ type: "presence.hello", name: "Fran" }, fac],
      [{ type: "groups.define", name: "Engineering", code: ENG }, fac],
      [{ type: "groups.settings", floor: 2 }, fac],
      [{ type: "presence.hello", name: "Alice" }, alice, T0 + 1],
      [{ type: "groups.join", code: ENG }, alice, T0 + 1],
      [{ type: "presence.hello", name: "Bob" }, bob, T0 + 2],
    ]);
    const backup = FacilitationBackup.parse(JSON.parse(JSON.stringify(backupOf(state))));
    expect(backup.roster).toEqual([
      { name: "Fran", role: "facilitator" },
      { name: "Alice", role: "editor", group: "g1" },
      { name: "Bob", role: "editor" },
    ]);
    expect(backup.groups).toMatchObject({ list: [{ id: "g1", name: "Engineering" }], floor: 2 });
    const text = JSON.stringify(backup);
    expect(text).not.toContain(ENG);
    expect(text).not.toContain('"alice"');

    const { state: restored } = restoredState(backup, newCode);
    expect(restored.groups.list).toEqual([{ id: "g1", name: "Engineering", code: "restored-join-code-0001" }]);
    expect(restored.groups.nextGroup).toBe(2);
    expect(Object.values(restored.participants).map((p) => [p.name, p.group])).toEqual([
      ["Fran", null],
      ["Alice", "g1"],
      ["Bob", null],
    ]);
  });

  it("the restored board's next round id comes after every restored round's, so its results by group are computed", () => {
    const backup = FacilitationBackup.parse({
      voteResults: [{ voteId: 2, target: { kind: "board" }, ranking: [] }],
      agenda: { steps: [], current: -1 },
      roster: [{ name: "Ana", role: "editor", group: "g9" }],
      groups: { list: [{ id: "g1", name: "Engineering" }], selfPick: true, floor: 2, thresholds: { scoring: 3, vote: 1, rating: 1.5 }, results: [result(7)] },
      prework: null,
    });
    const { state } = restoredState(backup, newCode);
    expect(state.nextId).toBe(8);
    // A group id the backup's list does not define places nobody.
    expect(Object.values(state.participants)[0]?.group).toBeNull();
    const next = run(state, [[{ type: "scoring.open", target: { kind: "board" } }, fac, T0]]);
    expect(next.scoring?.id).toBe(8);
  });

  it("a revealed pre-work comes back with who finished; an open one comes back open, its answers counted as not restored", () => {
    const prework = {
      id: 3,
      kind: "vote" as const,
      target: { kind: "board" as const },
      items: [{ noteId: "note-1", text: "SSO" }],
      instruction: "Two dots each",
      deadline: T0 + 60_000,
      votesPerPerson: 2,
      allowStacking: false,
      threshold: 2,
      finished: [
        { name: "Ana", at: T0 + 1 },
        { name: "Ben", at: T0 + 2 },
      ],
    };
    const base = { voteResults: [], agenda: { steps: [], current: -1 }, roster: [] };
    const revealed = restoredState(FacilitationBackup.parse({ ...base, prework: { ...prework, status: "revealed" } }), newCode);
    expect(revealed.unansweredPrework).toBe(0);
    expect(Object.values(revealed.state.prework?.submissions ?? {})).toEqual([
      { name: "Ana", at: T0 + 1, answer: null },
      { name: "Ben", at: T0 + 2, answer: null },
    ]);
    expect(revealed.state.nextId).toBe(4);
    const open = restoredState(FacilitationBackup.parse({ ...base, prework: { ...prework, status: "open" } }), newCode);
    expect(open.unansweredPrework).toBe(2);
    expect(open.state.prework).toMatchObject({ status: "open", instruction: "Two dots each", submissions: {} });
  });

  it("a backup made before groups and pre-work still restores", () => {
    const { state, unansweredPrework } = restoredState(FacilitationBackup.parse({ voteResults: [], agenda: { steps: [], current: -1 }, roster: [{ name: "Ana", role: "editor" }] }), newCode);
    expect(state.groups.list).toEqual([]);
    expect(state.prework).toBeNull();
    expect(unansweredPrework).toBe(0);
  });
});
