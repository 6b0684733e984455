import { describe, expect, it } from "vitest";
import { anchorAt, pinPlace, type AnchorElement } from "./anchors";
import { completeMention, mentionChoices, mentionQuery, mentionRuns, mentionedNames } from "./mentions";

const frame: AnchorElement = { id: "frame", type: "frame", x: 0, y: 0, width: 1000, height: 1000 };
const note: AnchorElement = { id: "note", type: "rectangle", x: 100, y: 100, width: 200, height: 100 };
const label: AnchorElement = { id: "label", type: "text", x: 120, y: 130, width: 100, height: 30, containerId: "note" };

describe("comment anchors", () => {
  it("a click on a note's label anchors on the note, offset from its corner", () => {
    expect(anchorAt({ x: 150, y: 140 }, [frame, note, label])).toEqual({ kind: "element", elementId: "note", dx: 50, dy: 40, x: 150, y: 140 });
  });
  it("a frame only when nothing inside it is hit; empty board is a point; deleted elements are not hit", () => {
    expect(anchorAt({ x: 500, y: 500 }, [frame, note])).toMatchObject({ kind: "element", elementId: "frame" });
    expect(anchorAt({ x: 1500, y: 5 }, [frame, note])).toEqual({ kind: "point", x: 1500, y: 5 });
    expect(anchorAt({ x: 150, y: 150 }, [{ ...note, isDeleted: true }])).toMatchObject({ kind: "point" });
  });
  it("the pin follows its element, stays where a deleted element was, and falls back to the stored point", () => {
    const anchor = anchorAt({ x: 150, y: 140 }, [note]);
    const moved = new Map([["note", { ...note, x: 400, y: 0 }]]);
    expect(pinPlace(anchor, moved)).toEqual({ x: 450, y: 40, element: "live" });
    expect(pinPlace(anchor, new Map([["note", { ...note, x: 400, y: 0, isDeleted: true }]]))).toEqual({ x: 450, y: 40, element: "deleted" });
    expect(pinPlace(anchor, new Map())).toEqual({ x: 150, y: 140, element: "deleted" });
  });
});

describe("@mentions", () => {
  const people = ["Ann", "Ann Lee", "Eli Editor"];
  it("finds the longest matching names", () => {
    expect(mentionedNames("@Ann Lee and @Eli Editor, not Ann", people)).toEqual(["Eli Editor", "Ann Lee"]);
    expect(mentionedNames("mail ann@example.com", people)).toEqual([]);
  });
  it("autocompletes the @word before the caret", () => {
    expect(mentionQuery("hi @El", 6)).toEqual({ start: 3, query: "El" });
    expect(mentionQuery("me@El", 5)).toBeNull();
    expect(mentionChoices("e", people)).toEqual(["Eli Editor", "Ann Lee"]);
    expect(completeMention("hi @El!", 6, 3, "Eli Editor")).toEqual({ text: "hi @Eli Editor !", caret: 15 });
  });
  it("splits text into runs with mentions highlighted", () => {
    expect(mentionRuns("@Ann Lee ok @Bob", ["Ann Lee"])).toEqual([
      { text: "@Ann Lee", mention: true },
      { text: " ok @Bob", mention: false },
    ]);
  });
});
