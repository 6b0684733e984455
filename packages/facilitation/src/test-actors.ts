import type { Command } from "./commands";
import { applyCommand } from "./reducer";
import { type Actor, type BoardContext, type CommandResult, NO_BOARD } from "./result";
import type { FacilitationState } from "./state";

/* Tests' shared cast and helpers (not exported from the package). */

export const T0 = 1_800_000_000_000;
export const fac: Actor = { participantId: "fac", role: "facilitator" };
export const alice: Actor = { participantId: "alice", role: "editor" };
export const bob: Actor = { participantId: "bob", role: "editor" };
export const vic: Actor = { participantId: "vic", role: "viewer" };

export function must(result: CommandResult): Extract<CommandResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.reason} ${result.message}`);
  return result;
}

/** Applies commands in order (at T0 unless a step says when), failing the test on any refusal. */
export function run(state: FacilitationState, steps: [Command, Actor, number?][], board: BoardContext = NO_BOARD): FacilitationState {
  return steps.reduce((s, [command, actor, now]) => must(applyCommand(s, command, actor, now ?? T0, board)).state, state);
}
