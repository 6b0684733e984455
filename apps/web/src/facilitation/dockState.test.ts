import { describe, expect, it } from "vitest";
import { initialDockOpen, rememberDockOpen, type DockEnv } from "./dockState";

function env(small: boolean, initial: Record<string, string> = {}): DockEnv & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    storage: { getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) },
    isSmallViewport: () => small,
  };
}

describe("facilitation dock state", () => {
  it("starts open on a large screen and folded on a small one", () => {
    expect(initialDockOpen(env(false))).toBe(true);
    expect(initialDockOpen(env(true))).toBe(false);
  });

  it("remembers the person's choice over the screen-size default", () => {
    const small = env(true);
    rememberDockOpen(true, small);
    expect(initialDockOpen(small)).toBe(true);
    const large = env(false);
    rememberDockOpen(false, large);
    expect(initialDockOpen(large)).toBe(false);
  });

  it("ignores a stored value it does not know, and works without storage", () => {
    expect(initialDockOpen(env(true, { "quadrant.facilitationDock.v1": "sideways" }))).toBe(false);
    const none: DockEnv = { storage: null, isSmallViewport: () => false };
    rememberDockOpen(false, none);
    expect(initialDockOpen(none)).toBe(true);
  });

  it("survives storage that throws", () => {
    const throwing: DockEnv = {
      storage: {
        getItem: () => {
          throw new Error("SecurityError");
        },
        setItem: () => {
          throw new Error("QuotaExceededError");
        },
      },
      isSmallViewport: () => true,
    };
    expect(() => rememberDockOpen(true, throwing)).not.toThrow();
    expect(initialDockOpen(throwing)).toBe(false);
  });
});
