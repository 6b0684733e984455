import type { ElementJson, FacilitationState, Target, Viewport } from "./state";
import type { HealthDimension } from "@quadrant/board-model";
import type { Role } from "@quadrant/protocol";

/** Something the server must do outside the control state after a command succeeded. */
export type Effect =
  /** Insert revealed private notes into the board document. */
  | { kind: "insert-elements"; elements: ElementJson[] }
  /** Move a note to the group's mean impact/effort position on its matrix. */
  | { kind: "move-note"; noteId: string; impact: number; effort: number }
  /** Write an accepted rating into a scorecard dimension's health record (evidence and impact kept). */
  | { kind: "set-health-rating"; templateId: string; dimension: HealthDimension; rating: number }
  /** Toggle Excalidraw's `locked` on a frame and its children in the document. */
  | { kind: "set-frame-locked"; frameId: string; locked: boolean }
  /** One-shot: move every connection's viewport here ("bring everyone here"). */
  | { kind: "summon"; viewport: Viewport }
  /** Revealed brainstorm pre-work: these notes go into a "Pre-work" frame in free space (ids derive from preworkId, so a retry adds nothing twice). */
  | { kind: "insert-prework-notes"; preworkId: number; notes: string[] };

export type RefusalReason = "forbidden" | "conflict" | "limit" | "not-found";

export type CommandResult =
  | { ok: true; state: FacilitationState; effects: Effect[] }
  | { ok: false; reason: RefusalReason; message: string };

export interface Actor {
  participantId: string;
  role: Role;
}

/** What the reducer may ask of the board without depending on it. */
export interface BoardContext {
  /** Note ids a target covers (e.g. the notes inside a frame), or null when it cannot tell (then any note counts). */
  notesIn(target: Target): string[] | null;
  /** Whether a template id names a technical health scorecard on the board, or null when it cannot tell. */
  isScorecard(templateId: string): boolean | null;
  /** The words of the notes a target covers (every note for "board"), for the pre-work page, which does not load the board. */
  noteTexts?(target: Target): Array<{ noteId: string; text: string }>;
  /**
   * RULE 33: true when the note is on the board but outside every frame ("to be placed"), false
   * when a frame holds it, null when it cannot tell (e.g. a held private note). Optional: a board
   * that does not say is taken as "cannot tell".
   */
  toBePlaced?(noteId: string): boolean | null;
}

export const NO_BOARD: BoardContext = {
  notesIn: (target) => (target.kind === "notes" ? [...target.noteIds] : null),
  isScorecard: () => null,
};

export function ok(state: FacilitationState, effects: Effect[] = []): CommandResult {
  return { ok: true, state, effects };
}

export function refuse(reason: RefusalReason, message: string): CommandResult {
  return { ok: false, reason, message };
}
