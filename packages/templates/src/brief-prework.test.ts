import { describe, expect, it } from "vitest";
import { preworkSection } from "./brief-prework";

describe("the brief's pre-work section", () => {
  it("says what the pre-work was and who did it, names escaped and listed once", () => {
    const lines = preworkSection({
      kind: "scoring",
      status: "revealed",
      deadline: new Date("2027-01-15T09:00:00Z"),
      people: ["Ana", "Ben *B*", "Ana"],
    });
    expect(lines).toEqual([
      "## Pre-work",
      "",
      "- **Round:** Impact / effort scoring, due 2027-01-15 09:00 UTC, revealed at the session",
      "- **Done by (2):** Ana, Ben \\*B\\*",
      "",
    ]);
  });

  it("is left out when nobody did any, or there was none", () => {
    expect(preworkSection({ kind: "vote", status: "open", deadline: new Date(0), people: [] })).toEqual([]);
    expect(preworkSection(null)).toEqual([]);
  });
});
