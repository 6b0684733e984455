import type { Point, Rect } from "./geometry";
import { fromFraction, toFraction } from "./geometry";

export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
/** RULE 5: urgency and risk that nobody has set count as the middle of the scale. */
export const DEFAULT_URGENCY = 5;
export const DEFAULT_RISK = 5;

/** RULE 6: scores round half away from zero to one decimal. */
export function round1(n: number): number {
  // The epsilon absorbs binary error (1 + 9 * 0.35 = 4.1499999…) so x.x5 rounds up as people expect.
  return Math.round(n * 10 + Math.sign(n) * 1e-9) / 10;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export interface MatrixScores {
  impact: number;
  effort: number;
}

/**
 * RULE 6: impact runs 1 (bottom edge) to 10 (top edge), effort 1 (left edge) to 10 (right
 * edge), linear in the frame's current size, so moving or resizing the frame keeps scores.
 */
export function scoresFromPosition(frame: Rect, centre: Point): MatrixScores {
  const f = toFraction(frame, centre);
  const span = SCORE_MAX - SCORE_MIN;
  return {
    impact: round1(clamp(SCORE_MIN + span * (1 - f.y), SCORE_MIN, SCORE_MAX)),
    effort: round1(clamp(SCORE_MIN + span * f.x, SCORE_MIN, SCORE_MAX)),
  };
}

/** RULE 7: the inverse of RULE 6: where a note's centre goes for given scores. */
export function positionFromScores(frame: Rect, scores: MatrixScores): Point {
  const span = SCORE_MAX - SCORE_MIN;
  const impact = clamp(scores.impact, SCORE_MIN, SCORE_MAX);
  const effort = clamp(scores.effort, SCORE_MIN, SCORE_MAX);
  return fromFraction(frame, { x: (effort - SCORE_MIN) / span, y: 1 - (impact - SCORE_MIN) / span });
}

export interface PriorityInput {
  impact: number;
  effort: number;
  urgency: number;
  risk: number;
}

/** RULE 8: priority = 2·impact + urgency − 0.5·effort − risk, rounded to two decimals. */
export function priorityOf(s: PriorityInput): number {
  const p = 2 * s.impact + s.urgency - 0.5 * s.effort - s.risk;
  return Math.round(p * 100 + Math.sign(p) * 1e-9) / 100;
}
