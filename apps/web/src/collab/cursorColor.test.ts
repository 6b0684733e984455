import { describe, expect, it } from "vitest";
import { collaboratorIdFor, excalidrawHue, hueOfHex } from "./cursorColor";
import { PERSON_COLORS } from "../app/localStore";

describe("cursor colours", () => {
  it("reads the hue of a hex colour", () => {
    expect(hueOfHex("#ff0000")).toBe(0);
    expect(hueOfHex("#00ff00")).toBe(120);
    expect(Math.round(hueOfHex("#1971c2"))).toBe(209);
  });
  it("picks, for every palette colour, an id Excalidraw draws in that hue", () => {
    for (const color of PERSON_COLORS) {
      const id = collaboratorIdFor(12345, color);
      expect(id.startsWith("12345:")).toBe(true);
      expect(Math.abs(excalidrawHue(id) - hueOfHex(color)) % 360).toBeLessThanOrEqual(5);
    }
  });
});
