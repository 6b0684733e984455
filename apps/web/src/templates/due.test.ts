import { describe, expect, it } from "vitest";
import { dueKind, localIsoDate, parseDue, quarterOptions } from "./due";

const mid2027 = new Date(2027, 5, 15, 12).getTime();

describe("due values (quarter or date)", () => {
  it("offers this year's and next year's quarters, in order", () => {
    expect(quarterOptions(mid2027, "")).toEqual([
      "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4",
      "2028-Q1", "2028-Q2", "2028-Q3", "2028-Q4",
    ]);
  });

  it("keeps a quarter already set outside the offered span, in sorted place", () => {
    const options = quarterOptions(mid2027, "2026-Q4");
    expect(options[0]).toBe("2026-Q4");
    expect(options).toHaveLength(9);
    expect(quarterOptions(mid2027, "2031-Q2").at(-1)).toBe("2031-Q2");
    // a date is not a quarter: nothing is added
    expect(quarterOptions(mid2027, "2027-03-31")).toHaveLength(8);
  });

  it("tells quarters from dates", () => {
    expect(dueKind("")).toBe("none");
    expect(dueKind("2027-Q3")).toBe("quarter");
    expect(dueKind("2027-03-31")).toBe("date");
  });

  it("parses what a person entered: a due, empty to clear, null when invalid", () => {
    expect(parseDue(" 2027-Q1 ")).toBe("2027-Q1");
    expect(parseDue("2027-02-28")).toBe("2027-02-28");
    expect(parseDue("")).toBe("");
    expect(parseDue("2027-Q5")).toBeNull();
    expect(parseDue("2027-02-30")).toBeNull();
    expect(parseDue("next spring")).toBeNull();
  });

  it("dates a decision by the local calendar day", () => {
    expect(localIsoDate(new Date(2027, 0, 5, 23, 59).getTime())).toBe("2027-01-05");
    expect(localIsoDate(new Date(2027, 11, 31, 0, 1).getTime())).toBe("2027-12-31");
  });
});
