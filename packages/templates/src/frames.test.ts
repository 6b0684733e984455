import { type ElementLike, parseBoard } from "@quadrant/board-model";
import { describe, expect, it } from "vitest";
import { frameHolding, framesHolding, notesHeldBy } from "./frames";
import { overlappingFrames } from "./testing/overlapping-frames";
import { FixtureBoard } from "./testing/fixture-board";

function frame(id: string, x: number, y: number, size: number, extra: Partial<ElementLike> = {}): ElementLike {
  return { id, type: "frame", x, y, width: size, height: size, ...extra };
}

describe("frames holding a note", () => {
  it("RULE 23: within a layer the topmost frame holds the point, by index before area", () => {
    const small = frame("small", 0, 0, 100, { index: "a1" });
    const big = frame("big", 0, 0, 1000, { index: "a2" });
    expect(frameHolding([small, big], { x: 50, y: 50 })?.id).toBe("big");
    expect(frameHolding([frame("s", 0, 0, 100), frame("b", 0, 0, 1000)], { x: 50, y: 50 })?.id).toBe("s");
    expect(frameHolding([small, frame("gone", 0, 0, 10, { isDeleted: true, index: "a9" })], { x: 5, y: 5 })?.id).toBe("small");
    expect(frameHolding([small], { x: 101, y: 50 })).toBeNull();
  });

  it("RULE 23: a template frame and a theme frame are separate layers, both hold the note, topmost first", () => {
    const b = new FixtureBoard();
    const map = b.addTemplate("theme-map", 0, 0, 1600, 800);
    b.element(map.frameId)["index"] = "a1";
    const themeId = b.addTheme(100, 100, 400, 400, { name: "Growth" });
    const themeFrame = String(b.snapshot.records[themeId]?.["frameId"]);
    b.element(themeFrame)["index"] = "a2";
    const board = parseBoard(b.snapshot);
    expect(framesHolding(board.elements, { x: 300, y: 300 }).map((f) => f.id)).toEqual([themeFrame, map.frameId]);
    const noteId = b.addNote({ x: 300, y: 300 }, "Idea");
    const withNote = parseBoard(b.snapshot);
    const hasData = (id: string) => withNote.notes.has(id);
    expect(notesHeldBy(withNote.elements, hasData, map.frameId)).toEqual([noteId]);
    expect(notesHeldBy(withNote.elements, hasData, themeFrame)).toEqual([noteId]);
  });

  it("RULES 4, 9, 23: under two template frames the topmost holds the note, whatever its Excalidraw frameId", () => {
    const { board, noteId, holder, under } = overlappingFrames();
    const parsed = parseBoard(board.snapshot);
    const none = () => false;
    expect(notesHeldBy(parsed.elements, none, holder.frameId)).toEqual([noteId]);
    expect(notesHeldBy(parsed.elements, none, under.frameId)).toEqual([]);
  });
});
