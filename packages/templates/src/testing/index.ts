// Test support for other workspaces' tests (`@quadrant/templates/testing`); production code never imports it.
export { FixtureBoard, testContext, strategyBoard, PARTICIPANTS } from "./fixture-board";
export { overlappingFrames } from "./overlapping-frames";
