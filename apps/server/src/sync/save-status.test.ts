import { describe, expect, it } from "vitest";
import { SaveStatus } from "@quadrant/protocol";
import { SaveStatusReporter } from "./save-status";

const parse = (payload: string | null) => (payload === null ? null : SaveStatus.parse(JSON.parse(payload)));

describe("save status (SS9)", () => {
  it("says 'not saved' once per outage, tells joiners while it lasts, and 'saved' once it ends", () => {
    const status = new SaveStatusReporter();
    expect(status.forJoiner()).toBeNull();
    expect(status.recovered()).toBeNull();

    expect(parse(status.failed(1_000))).toEqual({ type: "save-status", saved: false, since: 1_000, retrying: true });
    expect(status.failed(2_000)).toBeNull();
    expect(parse(status.forJoiner())).toEqual({ type: "save-status", saved: false, since: 1_000, retrying: true });

    expect(parse(status.recovered())).toEqual({ type: "save-status", saved: true });
    expect(status.recovered()).toBeNull();
    expect(status.forJoiner()).toBeNull();
    expect(parse(status.failed(3_000))).toMatchObject({ saved: false, since: 3_000 });
  });
});
