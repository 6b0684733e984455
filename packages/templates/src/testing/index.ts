// Test support for other workspaces' tests (`@quadrant/templates/testing`); production code never imports it.
export { FixtureBoard, testContext, strategyBoard, PARTICIPANTS, FULL_BRIEF_HEADINGS } from "./fixture-board";
export { overlappingFrames } from "./overlapping-frames";
export { BENCH_BOARD, seedBenchBoard } from "./bench-board";
