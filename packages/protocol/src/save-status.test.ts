import { describe, expect, it } from "vitest";
import { SaveStatus } from "./index";

describe("SaveStatus control message", () => {
  it("accepts the failing and the saved shapes", () => {
    const failing = { type: "save-status", saved: false, since: 1_700_000_000_000, retrying: true };
    expect(SaveStatus.parse(failing)).toEqual(failing);
    expect(SaveStatus.parse({ type: "save-status", saved: true })).toEqual({ type: "save-status", saved: true });
  });

  it("rejects a failing status without its time, and unknown fields", () => {
    expect(SaveStatus.safeParse({ type: "save-status", saved: false, retrying: true }).success).toBe(false);
    expect(SaveStatus.safeParse({ type: "save-status", saved: true, error: "disk full" }).success).toBe(false);
    expect(SaveStatus.safeParse({ type: "view", saved: true }).success).toBe(false);
  });
});
