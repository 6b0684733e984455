import { describe, expect, it } from "vitest";
import type { FacilitationView } from "@quadrant/facilitation";
import { snapshotMomentKey } from "./snapshotMoments";

/** Only the fields the key reads; the rest of a view does not matter to it. */
const view = (parts: Record<string, unknown>): FacilitationView =>
  ({ brainstorm: { on: false }, vote: null, scoring: null, rating: null, agenda: { steps: [], current: 0 }, ...parts }) as unknown as FacilitationView;

describe("snapshotMomentKey", () => {
  it("changes at every moment the server snapshots", () => {
    const quiet = snapshotMomentKey(view({}));
    for (const moment of [
      view({ brainstorm: { on: true } }),
      view({ vote: { id: 1, status: "revealed" } }),
      view({ scoring: { id: 2, status: "revealed" } }),
      view({ rating: { id: 3, status: "revealed" } }),
      view({ agenda: { steps: [], current: 1 } }),
    ]) {
      expect(snapshotMomentKey(moment)).not.toBe(quiet);
    }
  });

  it("stays the same for what takes no snapshot (a ballot cast, the timer)", () => {
    const open = view({ vote: { id: 1, status: "open", myBallot: {} } });
    const voted = view({ vote: { id: 1, status: "open", myBallot: { a: 1 } }, timer: { status: "running" } });
    expect(snapshotMomentKey(voted)).toBe(snapshotMomentKey(open));
  });
});
