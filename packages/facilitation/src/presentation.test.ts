import { describe, expect, it } from "vitest";
import { applyCommand } from "./reducer";
import { FacilitationState, initialState, parseState } from "./state";
import { viewFor } from "./view";
import type { Command } from "./commands";
import type { Actor } from "./result";

const fac: Actor = { participantId: "facilitator-participant-1", role: "facilitator" };
const editor: Actor = { participantId: "editor-participant-0001", role: "editor" };
const viewer: Actor = { participantId: "viewer-participant-0001", role: "viewer" };
const T0 = 1_700_000_000_000;

function run(state: FacilitationState, command: Command, actor: Actor = fac): FacilitationState {
  const result = applyCommand(state, command, actor, T0);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.message}`);
  return result.state;
}

describe("presentation mode", () => {
  it("starts on the first frame, steps forward and back, and stops", () => {
    let state = run(initialState(), { type: "present.start", frameIds: ["swot", "matrix", "themes"] });
    expect(state.presentation).toEqual({ frameIds: ["swot", "matrix", "themes"], index: 0 });
    state = run(state, { type: "present.move", by: 1 });
    state = run(state, { type: "present.move", by: 1 });
    expect(state.presentation?.index).toBe(2);
    state = run(state, { type: "present.move", by: -1 });
    expect(state.presentation?.index).toBe(1);
    state = run(state, { type: "present.stop" });
    expect(state.presentation).toBeNull();
  });

  it("refuses to step past either end instead of wrapping round", () => {
    const state = run(initialState(), { type: "present.start", frameIds: ["a-frame", "b-frame"] });
    const back = applyCommand(state, { type: "present.move", by: -1 }, fac, T0);
    expect(back).toMatchObject({ ok: false, reason: "conflict" });
    const last = run(state, { type: "present.move", by: 1 });
    expect(applyCommand(last, { type: "present.move", by: 1 }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
    expect(applyCommand(initialState(), { type: "present.move", by: 1 }, fac, T0)).toMatchObject({ ok: false, reason: "conflict" });
  });

  it("presents each frame once, in the order given", () => {
    const state = run(initialState(), { type: "present.start", frameIds: ["b-frame", "a-frame", "b-frame"] });
    expect(state.presentation?.frameIds).toEqual(["b-frame", "a-frame"]);
  });

  it("is the facilitator's: editors and viewers are refused every presentation command", () => {
    const presenting = run(initialState(), { type: "present.start", frameIds: ["swot"] });
    for (const actor of [editor, viewer]) {
      for (const command of [
        { type: "present.start", frameIds: ["swot"] },
        { type: "present.move", by: 1 },
        { type: "present.stop" },
      ] satisfies Command[]) {
        expect(applyCommand(presenting, command, actor, T0)).toMatchObject({ ok: false, reason: "forbidden" });
      }
    }
  });

  it("is in every role's view, so participants follow it", () => {
    const state = run(run(initialState(), { type: "present.start", frameIds: ["swot", "matrix"] }), { type: "present.move", by: 1 });
    for (const actor of [fac, editor, viewer]) {
      expect(viewFor(state, actor.participantId, actor.role, T0).presentation).toEqual({ frameIds: ["swot", "matrix"], index: 1 });
    }
  });

  it("keeps a state stored before presentation mode parsing (its open vote is not lost)", () => {
    const withVote = run(initialState(), { type: "vote.open", target: { kind: "board" }, votesPerPerson: 3, allowStacking: false });
    const { presentation: _dropped, ...older } = JSON.parse(JSON.stringify(withVote)) as Record<string, unknown>;
    const parsed = parseState(older);
    expect(parsed.presentation).toBeNull();
    expect(parsed.vote?.status).toBe(withVote.vote?.status);
  });
});
