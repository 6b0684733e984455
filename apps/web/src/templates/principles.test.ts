import { describe, expect, it } from "vitest";
import type { PrincipleRecord } from "@quadrant/board-model";
import { movePrinciple, nextPrincipleOrder } from "./principles";

const p = (id: string, order: number): PrincipleRecord => ({ kind: "principle", id, order, title: id, meaning: "" });

describe("technical principles: order", () => {
  it("adds a principle after the last", () => {
    expect(nextPrincipleOrder([])).toBe(0);
    expect(nextPrincipleOrder([p("a", 0), p("b", 4)])).toBe(5);
  });

  it("moves a principle up or down and returns only the records whose order changed", () => {
    const list = [p("a", 0), p("b", 1), p("c", 2)];
    expect(movePrinciple(list, 2, -1).map((r) => [r.id, r.order])).toEqual([["c", 1], ["b", 2]]);
    expect(movePrinciple(list, 0, 1).map((r) => [r.id, r.order])).toEqual([["b", 0], ["a", 1]]);
  });

  it("does nothing past either end", () => {
    const list = [p("a", 0), p("b", 1)];
    expect(movePrinciple(list, 0, -1)).toEqual([]);
    expect(movePrinciple(list, 1, 1)).toEqual([]);
  });

  it("untangles equal orders (two people added at once) when moving", () => {
    const list = [p("a", 3), p("b", 3), p("c", 7)];
    expect(movePrinciple(list, 1, -1).map((r) => [r.id, r.order])).toEqual([["b", 0], ["a", 1], ["c", 2]]);
  });
});
