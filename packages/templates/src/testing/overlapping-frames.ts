import type { TemplateInstance } from "@quadrant/board-model";
import { FixtureBoard } from "./fixture-board";

/**
 * One note, two template frames (RULES 4 and 23): a small matrix under a larger SWOT that
 * overlaps it, the note's centre in both. The SWOT is on top (higher index), so it holds the
 * note although the matrix is smaller (the old "frameId, else smallest frame" reading picked the
 * matrix). The server's and the web client's tests both run their code on this board.
 */
export function overlappingFrames(): { board: FixtureBoard; noteId: string; holder: TemplateInstance; under: TemplateInstance } {
  const board = new FixtureBoard();
  const under = board.addTemplate("impact-effort", 0, 0, 600, 600);
  const holder = board.addTemplate("swot", 400, 400, 800, 800);
  board.element(under.frameId)["index"] = "a1";
  board.element(holder.frameId)["index"] = "a2";
  const noteId = board.addNote({ x: 500, y: 500 }, "Shared idea");
  // Excalidraw's frameId is what a drop onto the matrix leaves behind; RULE 2 ignores it.
  board.element(noteId)["frameId"] = under.frameId;
  return { board, noteId, holder, under };
}
