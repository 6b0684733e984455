import { describe, expect, it } from "vitest";
import { ElementLike, parseElementLike, quadrantTag } from "./element-like";

const rectangle = {
  id: "r1",
  type: "rectangle",
  x: 10,
  y: 20,
  width: 160,
  height: 100,
  angle: 0,
  isDeleted: false,
  frameId: null,
  index: "a1",
  link: null,
  locked: false,
  boundElements: [{ id: "t1", type: "text", extra: 1 }],
  customData: { quadrant: { role: "note" } },
  // Fields ElementLike does not name: kept, unchecked.
  strokeColor: "#1e1e1e",
  groupIds: ["g"],
  roundness: { type: 3 },
};

describe("parseElementLike: ElementLike.safeParse without walking the fields it does not name", () => {
  it("accepts what ElementLike accepts and keeps every field, in a new object", () => {
    const r = parseElementLike(rectangle);
    expect(r.success).toBe(true);
    expect(r.data).toEqual(ElementLike.parse(rectangle));
    expect(r.data).not.toBe(rectangle);
    expect(r.data?.["strokeColor"]).toBe("#1e1e1e");
  });

  it.each([
    ["a missing id", { ...rectangle, id: undefined }],
    ["an empty type", { ...rectangle, type: "" }],
    ["a string coordinate", { ...rectangle, x: "10" }],
    ["a null width", { ...rectangle, width: null }],
    ["a bound element without a type", { ...rectangle, boundElements: [{ id: "t1" }] }],
    ["customData that is not a record", { ...rectangle, customData: ["quadrant"] }],
    ["a numeric link", { ...rectangle, link: 5 }],
    ["several wrong fields", { ...rectangle, x: "1", locked: "no", text: 3 }],
    ["no object at all", "rectangle"],
  ])("rejects %s with ElementLike's issues", (_, raw) => {
    const ours = parseElementLike(raw);
    const theirs = ElementLike.safeParse(raw);
    expect(theirs.success).toBe(false);
    expect(ours.success).toBe(false);
    expect(ours.error?.issues).toEqual(theirs.error?.issues);
  });
});

describe("quadrantTag", () => {
  it("reads a tag, and nothing from an element without one or with a malformed one", () => {
    expect(quadrantTag({ customData: { quadrant: { role: "chrome", templateId: "t" } } })).toEqual({ role: "chrome", templateId: "t" });
    expect(quadrantTag({})).toBeNull();
    expect(quadrantTag({ customData: { other: 1 } })).toBeNull();
    expect(quadrantTag({ customData: { quadrant: null } })).toBeNull();
    expect(quadrantTag({ customData: { quadrant: { role: "chrome" } } })).toBeNull();
  });
});
