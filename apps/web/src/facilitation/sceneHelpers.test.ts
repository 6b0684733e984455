import { describe, expect, it } from "vitest";
import { overlappingFrames } from "@quadrant/templates/testing";
import type { ExcalidrawScene } from "../collab/excalidrawScene";
import { targetFrameId } from "./sceneHelpers";

type Shape = { id: string; type: string; x: number; y: number; width: number; height: number; frameId: string | null };

/** Just what the helper reads from the scene: elements, the selection and the view's centre. */
function sceneWith(elements: readonly object[], selected: string[], centre = { cx: 0, cy: 0 }): ExcalidrawScene {
  return {
    api: {
      getSceneElements: () => elements,
      getAppState: () => ({ selectedElementIds: Object.fromEntries(selected.map((id) => [id, true])) }),
    },
    viewport: () => ({ ...centre, zoom: 1 }),
  } as unknown as ExcalidrawScene;
}

const matrix: Shape = { id: "matrix", type: "frame", x: 0, y: 0, width: 1000, height: 800, frameId: null };
const theme: Shape = { id: "theme", type: "frame", x: 100, y: 100, width: 300, height: 200, frameId: null };
const label: Shape = { id: "label", type: "text", x: 20, y: 20, width: 100, height: 30, frameId: "matrix" };
const note: Shape = { id: "note", type: "rectangle", x: 150, y: 150, width: 160, height: 100, frameId: null };
const far: Shape = { id: "far", type: "rectangle", x: 5000, y: 5000, width: 160, height: 100, frameId: null };

describe("targetFrameId (a locked template cannot be selected on the canvas)", () => {
  it("takes a selected frame first", () => {
    expect(targetFrameId(sceneWith([matrix, theme, note], ["matrix", "note"]))).toBe("matrix");
  });

  it("else the frame a selected element belongs to, else the smallest frame around its centre", () => {
    expect(targetFrameId(sceneWith([matrix, theme, label], ["label"]))).toBe("matrix");
    expect(targetFrameId(sceneWith([matrix, theme, note], ["note"]))).toBe("theme");
  });

  it("with nothing selected, the frame in the middle of the view; none when the view is off every frame", () => {
    expect(targetFrameId(sceneWith([matrix, theme], [], { cx: 600, cy: 500 }))).toBe("matrix");
    expect(targetFrameId(sceneWith([matrix, theme], [], { cx: -900, cy: 0 }))).toBeNull();
  });

  it("a selection outside every frame targets nothing, not the frame in view", () => {
    expect(targetFrameId(sceneWith([matrix, far], ["far"], { cx: 500, cy: 400 }))).toBeNull();
  });
});

describe("targetFrameId and the server agree on which frame holds a note (RULE 23)", () => {
  it("a note under two template frames targets the topmost, not the smaller one nor its Excalidraw frameId", () => {
    // The server's test runs board-doc on the same board (apps/server board-doc.test.ts).
    const { board, noteId, holder } = overlappingFrames();
    const elements = Object.values(board.snapshot.elements);
    expect(targetFrameId(sceneWith(elements, [noteId]))).toBe(holder.frameId);
  });
});
