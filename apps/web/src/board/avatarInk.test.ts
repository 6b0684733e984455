import { describe, expect, it } from "vitest";
import { avatarInk } from "./avatarInk";

describe("avatarInk", () => {
  it("keeps white initials on dark colours", () => {
    expect(avatarInk("#1971c2")).toBe("#ffffff");
    expect(avatarInk("#c92a2a")).toBe("#ffffff");
  });
  it("uses dark initials where white would fail 4.5:1 (green, orange, yellow)", () => {
    expect(avatarInk("#2f9e44")).toBe("#1b1f24");
    expect(avatarInk("#f08c00")).toBe("#1b1f24");
    expect(avatarInk("#ffd43b")).toBe("#1b1f24");
  });
  it("falls back to white for something that is not a hex colour", () => {
    expect(avatarInk("red")).toBe("#ffffff");
  });
});
