import { describe, expect, it } from "vitest";
import type { AgendaStep } from "@quadrant/facilitation";
import { keepStepFrames, withStepFrame } from "./agendaFrames";
import { parseAgenda } from "./agendaText";

const framed = (title: string, focusFrameId: string | null): AgendaStep => ({ id: title, title, minutes: null, privateMode: null, vote: null, focusFrameId });

describe("agenda frames", () => {
  it("keeps a step's frame when the text is saved again with the same title", () => {
    const previous = [framed("Brainstorm", "swot"), framed("Vote", "matrix")];
    const saved = keepStepFrames(parseAgenda("Brainstorm 10 private\nCluster 5\nVote 5 vote3"), previous);
    expect(saved.map((s) => [s.title, s.focusFrameId])).toEqual([
      ["Brainstorm", "swot"],
      ["Cluster", null],
      ["Vote", "matrix"],
    ]);
  });

  it("drops the frame of a renamed step", () => {
    expect(keepStepFrames(parseAgenda("Ideas 10"), [framed("Brainstorm", "swot")])[0]?.focusFrameId).toBeNull();
  });

  it("points one step at a frame and clears it again, leaving the others alone", () => {
    const steps = [framed("Brainstorm", null), framed("Vote", "matrix")];
    const pointed = withStepFrame(steps, 0, "swot");
    expect(pointed.map((s) => s.focusFrameId)).toEqual(["swot", "matrix"]);
    expect(withStepFrame(pointed, 1, null).map((s) => s.focusFrameId)).toEqual(["swot", null]);
  });
});
