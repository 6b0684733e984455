import { describe, expect, it } from "vitest";
import { AUTHOR_COLOURS, DEFAULT_NOTE_COLOUR, UNSIGNED_NOTE_COLOUR, authorLegend, noteColour } from "./note-colours";

describe("RULE 36: a note's colour", () => {
  it("by category: the zone's colour; the template default elsewhere", () => {
    expect(noteColour("category", { zoneId: "strengths", author: "Ann" })).toBe("#b2f2bb");
    expect(noteColour("category", { zoneId: "threats", author: "Ann" })).not.toBe(noteColour("category", { zoneId: "strengths", author: "Ann" }));
    expect(noteColour("category", { zoneId: "security", author: null })).toBe(DEFAULT_NOTE_COLOUR);
    expect(noteColour("category", { zoneId: null, author: null })).toBe(DEFAULT_NOTE_COLOUR);
  });

  it("by author: the same name gives the same colour whatever the zone, spelling case and spaces ignored", () => {
    const ann = noteColour("author", { zoneId: "strengths", author: "Ann" });
    expect(AUTHOR_COLOURS).toContain(ann);
    expect(noteColour("author", { zoneId: "threats", author: " ann " })).toBe(ann);
    expect(noteColour("author", { zoneId: null, author: null })).toBe(UNSIGNED_NOTE_COLOUR);
    const colours = new Set(["Ann", "Ben", "Cleo", "Dev", "Eve"].map((author) => noteColour("author", { zoneId: null, author })));
    expect(colours.size).toBeGreaterThanOrEqual(4);
  });

  it("the legend: each author once, by name, with their colour", () => {
    expect(authorLegend(["Ben", "ann", null, "Ann", " ", "Ben"])).toEqual([
      { name: "ann", colour: noteColour("author", { zoneId: null, author: "Ann" }) },
      { name: "Ben", colour: noteColour("author", { zoneId: null, author: "Ben" }) },
    ]);
  });
});
