import { describe, expect, it } from "vitest";
import { peopleInFrames } from "./frame-presence";

describe("peopleInFrames: who is in each frame now", () => {
  const frames = new Map([
    ["matrix", { x: 0, y: 0, width: 1200, height: 900 }],
    ["map", { x: 0, y: 1000, width: 1200, height: 900 }],
    ["theme", { x: 100, y: 1100, width: 300, height: 300 }],
  ]);

  it("by view centre; nested frames both list the person; an edge counts as inside", () => {
    const who = peopleInFrames(frames, [
      { name: "Ben", at: { x: 600, y: 450 } },
      { name: "Ana", at: { x: 1200, y: 900 } },
      { name: "Cy", at: { x: 200, y: 1200 } },
      { name: "Dee", at: { x: 5000, y: 0 } },
    ]);
    expect(who.get("matrix")).toEqual(["Ana", "Ben"]);
    expect(who.get("map")).toEqual(["Cy"]);
    expect(who.get("theme")).toEqual(["Cy"]);
  });

  it("a frame nobody looks at has an empty list", () => {
    expect(peopleInFrames(frames, []).get("map")).toEqual([]);
  });
});
