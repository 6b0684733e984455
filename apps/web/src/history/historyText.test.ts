import { describe, expect, it } from "vitest";
import { diffText, editorsText, whenText } from "./historyText";

describe("history panel text", () => {
  it("says how the live board differs, leaving out what did not change", () => {
    expect(diffText({ added: 0, moved: 0, removed: 0, changed: 0 })).toBe("The live board is the same as this version.");
    expect(diffText({ added: 2, moved: 1, removed: 0, changed: 3 })).toBe("Since then: 2 added, 1 moved, 3 changed.");
  });

  it("names up to three editors, then counts the rest", () => {
    expect(editorsText([])).toBe("");
    expect(editorsText(["Ada", "Ben"])).toBe("Ada, Ben");
    expect(editorsText(["Ada", "Ben", "Cy", "Di", "Ed"])).toBe("Ada, Ben, Cy +2");
  });

  it("shows only the time for today and adds the day before that", () => {
    const now = new Date(2026, 11, 7, 15, 0);
    const nineFive = new Date(2026, 11, 7, 9, 5);
    const time = nineFive.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    expect(whenText(nineFive.toISOString(), now)).toBe(time);
    const earlier = whenText(new Date(2026, 10, 20, 9, 5).toISOString(), now);
    expect(earlier.endsWith(` ${time}`)).toBe(true);
    expect(earlier).toMatch(/Nov|11/);
    expect(whenText("not a date", now)).toBe("not a date");
  });
});
