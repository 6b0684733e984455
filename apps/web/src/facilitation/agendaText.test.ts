import { describe, expect, it } from "vitest";
import { formatAgenda, parseAgenda } from "./agendaText";

describe("agenda text", () => {
  it("parses the brainstorm → cluster → vote → prioritize agenda", () => {
    const steps = parseAgenda("Brainstorm 10 private\nCluster 15 reveal\n\nVote 5 vote3 stack\nPrioritize 20");
    expect(steps.map((s) => [s.title, s.minutes, s.privateMode])).toEqual([
      ["Brainstorm", 10, true],
      ["Cluster", 15, false],
      ["Vote", 5, null],
      ["Prioritize", 20, null],
    ]);
    expect(steps[2]?.vote).toEqual({ target: { kind: "board" }, votesPerPerson: 3, allowStacking: true });
    expect(parseAgenda(formatAgenda(steps))).toEqual(steps);
  });
});
