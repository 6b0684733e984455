import type { TemplateInstance } from "@quadrant/board-model";

/**
 * The scorecard "Open rating" acts on: the one whose frame is the target frame (selected, or
 * holding the selection, or in the middle of the view: sceneHelpers.targetFrameId), else the
 * board's only scorecard. Null when there is none, or several and none targeted.
 */
export function ratingTarget(templates: readonly TemplateInstance[], targetFrameId: string | null): TemplateInstance | null {
  const scorecards = templates.filter((t) => t.kind === "health-scorecard");
  const targeted = targetFrameId === null ? undefined : scorecards.find((t) => t.frameId === targetFrameId);
  if (targeted) return targeted;
  return scorecards.length === 1 ? scorecards[0]! : null;
}
