import { describe, expect, it } from "vitest";
import { initialState, type FacilitationState } from "@quadrant/facilitation";
import { momentsBetween } from "./moments";

const step = (title: string) => ({ id: title, title, minutes: null, privateMode: null, vote: null, focusFrameId: null });
const vote = (id: number, status: "open" | "closed" | "revealed"): FacilitationState["vote"] => ({
  id,
  target: { kind: "board" },
  noteIds: null,
  votesPerPerson: 3,
  allowStacking: false,
  status,
  ballots: {},
});

describe("facilitation moments worth a snapshot", () => {
  it("finds a reveal once, when the state crosses it, and not when it stays revealed", () => {
    const open = { ...initialState(), vote: vote(1, "closed") };
    const revealed = { ...open, vote: vote(1, "revealed") };
    expect(momentsBetween(open, revealed)).toEqual([{ trigger: "vote-reveal", label: "Vote 1 revealed" }]);
    expect(momentsBetween(revealed, revealed)).toEqual([]);
    // A later vote revealed right after the last one is a new moment.
    expect(momentsBetween(revealed, { ...open, vote: vote(2, "revealed") })).toEqual([{ trigger: "vote-reveal", label: "Vote 2 revealed" }]);
  });

  it("takes the brainstorm reveal and the agenda step a single command may cross together", () => {
    const before = { ...initialState(), brainstorm: { on: true, held: {} }, agenda: { steps: [step("Diverge"), step("Converge")], current: 0 } };
    const after = { ...before, brainstorm: { on: false, held: {} }, agenda: { ...before.agenda, current: 1 } };
    expect(momentsBetween(before, after).map((m) => m.label)).toEqual(["Private brainstorm revealed", "Agenda: Converge"]);
    // Back before the first step: no step to name, no snapshot.
    expect(momentsBetween(after, { ...after, agenda: { ...after.agenda, current: -1 } })).toEqual([]);
  });
});
