import type { ElementLike } from "@quadrant/board-model";
import type { Rect } from "./geometry";
import { type MatrixScores, positionFromScores } from "./scores";

/**
 * RULE 7: editing impact or effort in the panel moves the note: the returned x/y put the
 * note's centre where RULE 6 reads exactly those scores. Width, height and angle are kept.
 */
export function moveForScores(
  note: Pick<ElementLike, "width" | "height">,
  frame: Rect,
  scores: MatrixScores,
): { x: number; y: number } {
  const c = positionFromScores(frame, scores);
  return { x: c.x - note.width / 2, y: c.y - note.height / 2 };
}
