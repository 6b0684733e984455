import { describe, expect, it } from "vitest";
import type { AgendaStep } from "@quadrant/facilitation";
import { framesToPresent } from "./presentationFrames";

const outline = [{ frameId: "matrix" }, { frameId: "swot" }, { frameId: "theme-1" }];
const step = (id: string, focusFrameId: string | null): AgendaStep => ({ id, title: id, minutes: null, privateMode: null, vote: null, focusFrameId });

describe("framesToPresent", () => {
  it("uses the outline order when no agenda step points at a frame", () => {
    expect(framesToPresent(outline, [])).toEqual(["matrix", "swot", "theme-1"]);
    expect(framesToPresent(outline, [step("s1", null)])).toEqual(["matrix", "swot", "theme-1"]);
  });

  it("uses the agenda's frames in agenda order, once each, skipping frames no longer on the board", () => {
    const agenda = [step("s1", "swot"), step("s2", null), step("s3", "gone"), step("s4", "matrix"), step("s5", "swot")];
    expect(framesToPresent(outline, agenda)).toEqual(["swot", "matrix"]);
  });

  it("falls back to the outline when every agenda frame was deleted", () => {
    expect(framesToPresent(outline, [step("s1", "gone")])).toEqual(["matrix", "swot", "theme-1"]);
  });
});
