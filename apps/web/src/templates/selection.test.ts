import { describe, expect, it } from "vitest";
import type { NoteView } from "@quadrant/templates";
import { notesForSelection } from "./selection";

const note = (id: string) => ({ id, text: id }) as NoteView;

describe("the notes a canvas selection stands for", () => {
  it("takes selected notes and the notes of selected labels, in board order, each once", () => {
    const notes = [note("a"), note("b"), note("c")];
    const containers = new Map([["label-c", "c"], ["label-a", "a"]]);
    const picked = notesForSelection(["label-c", "a", "label-a", "frame"], (id) => containers.get(id) ?? null, notes);
    expect(picked.map((n) => n.id)).toEqual(["a", "c"]);
  });

  it("is empty when nothing selected is a note", () => {
    expect(notesForSelection(["frame", "arrow"], () => null, [note("a")])).toEqual([]);
  });
});
