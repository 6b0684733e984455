import { describe, expect, it } from "vitest";
import type { TemplateInstance } from "@quadrant/board-model";
import { ratingTarget } from "./ratingTarget";

const template = (id: string, kind: TemplateInstance["kind"]): TemplateInstance => ({
  id,
  kind,
  frameId: `${id}-frame`,
  title: id,
  zones: [],
  createdAt: 1,
});

describe("which scorecard 'Open rating' acts on", () => {
  const swot = template("swot", "swot");
  const first = template("first", "health-scorecard");
  const second = template("second", "health-scorecard");

  it("the targeted scorecard's frame wins", () => {
    expect(ratingTarget([swot, first, second], "second-frame")).toBe(second);
  });

  it("else the only scorecard, whatever else is targeted", () => {
    expect(ratingTarget([swot, first], "swot-frame")).toBe(first);
    expect(ratingTarget([swot, first], null)).toBe(first);
  });

  it("none with no scorecard, or with several and none targeted", () => {
    expect(ratingTarget([swot], "swot-frame")).toBeNull();
    expect(ratingTarget([first, second], "swot-frame")).toBeNull();
    expect(ratingTarget([first, second], null)).toBeNull();
  });
});
