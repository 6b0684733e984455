import { describe, expect, it } from "vitest";
import { rank, roadmap } from "./ranking";

const item = (id: string, priority: number, impact = 5, effort = 5, text = id) => ({ id, text, priority, impact, effort });

describe("ranking and roadmap", () => {
  it("RULE 12: higher priority first, then higher impact, lower effort, text, id", () => {
    const ranked = rank([
      item("e", 10, 5, 5, "same"),
      item("a", 12),
      item("b", 10, 6),
      item("c", 10, 5, 4),
      item("d", 10, 5, 5, "same"),
      item("f", 10, 5, 5, "Apple"),
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["a", "b", "c", "f", "d", "e"]);
  });

  it("RULE 12: the order does not depend on the input order", () => {
    const items = [item("x", 3), item("y", 3), item("z", 3, 5, 5, "x")];
    expect(rank(items)).toEqual(rank([...items].reverse()));
  });

  it("RULE 13: ceil(n/4) per quarter, Q1 first, short tail", () => {
    const r = roadmap(["a", "b", "c", "d", "e"]);
    expect(r).toEqual({ Q1: ["a", "b"], Q2: ["c", "d"], Q3: ["e"], Q4: [] });
    expect(roadmap(["a", "b", "c", "d"])).toEqual({ Q1: ["a"], Q2: ["b"], Q3: ["c"], Q4: ["d"] });
    expect(roadmap([])).toEqual({ Q1: [], Q2: [], Q3: [], Q4: [] });
    expect(roadmap(Array.from({ length: 9 }, (_, i) => i)).Q4).toEqual([]);
    expect(roadmap(Array.from({ length: 9 }, (_, i) => i)).Q3).toEqual([6, 7, 8]);
  });
});
