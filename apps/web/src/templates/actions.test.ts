import { describe, expect, it } from "vitest";
import { ActionRecord } from "@quadrant/board-model";
import type { BoardView, NoteView, ScoredNote } from "@quadrant/templates";
import { linkLabel, linkOptions, linkValue, newAction, parseLinkValue } from "./actions";

const view = {
  decisions: [{ id: "d1", number: 2, title: "Adopt SSO" }],
  ranked: [{ id: "n1", text: "SSO" } as ScoredNote],
  notes: [{ id: "n1", text: "SSO" } as NoteView, { id: "n2", text: "Loose idea" } as NoteView],
  themes: [{ theme: { id: "t1", name: "Enterprise" }, notes: [] }],
} as unknown as BoardView;

describe("action items", () => {
  it("encodes a link as one select value and back; anything else is no link", () => {
    expect(parseLinkValue(linkValue({ kind: "theme", id: "t:1" }))).toEqual({ kind: "theme", id: "t:1" });
    expect(linkValue(undefined)).toBe("");
    expect(parseLinkValue("")).toBeUndefined();
    expect(parseLinkValue("vote:1")).toBeUndefined();
    expect(parseLinkValue("note:")).toBeUndefined();
  });

  it("offers decisions, initiatives and themes, plus a note picked on the canvas", () => {
    expect(linkOptions(view, [view.notes[1] as NoteView]).map((o) => o.label)).toEqual([
      "ADR-002 Adopt SSO",
      "Initiative: SSO",
      "Initiative: Loose idea",
      "Theme: Enterprise",
    ]);
    expect(linkOptions(view, [view.notes[0] as NoteView])).toHaveLength(3);
  });

  it("labels what an action follows from, and says nothing when it is gone", () => {
    expect(linkLabel(view, { kind: "decision", id: "d1" })).toBe("ADR-002 Adopt SSO");
    expect(linkLabel(view, { kind: "note", id: "n2" })).toBe("Loose idea");
    expect(linkLabel(view, { kind: "theme", id: "t1" })).toBe("Theme: Enterprise");
    expect(linkLabel(view, { kind: "note", id: "deleted" })).toBeNull();
  });

  it("makes a valid open action on one line", () => {
    const a = newAction({ id: "a1", text: "Pick an\nIdP", owner: " Ann ", due: "2027-Q2", link: { kind: "decision", id: "d1" }, now: 5 });
    expect(a).toEqual({ kind: "action", id: "a1", text: "Pick an IdP", owner: "Ann", due: "2027-Q2", done: false, link: { kind: "decision", id: "d1" }, createdAt: 5 });
    expect(ActionRecord.parse(a)).toEqual(a);
    expect("link" in newAction({ id: "a2", text: "x", owner: "", due: "", now: 1 })).toBe(false);
  });
});
