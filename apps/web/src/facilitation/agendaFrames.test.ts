import { describe, expect, it } from "vitest";
import type { AgendaStep } from "@quadrant/facilitation";
import { keepStepFrames } from "./agendaFrames";
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
});
