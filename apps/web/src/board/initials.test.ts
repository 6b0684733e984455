import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("initials", () => {
  it("takes the first letters of the first two words, never punctuation", () => {
    expect(initials("Fran (facilitator)")).toBe("F");
    expect(initials("Ben Brooks")).toBe("BB");
    expect(initials("ana-maría lópez garcía")).toBe("AL");
    expect(initials("  \"Zoë\"  ")).toBe("Z");
    expect(initials("Émile [guest] Zola")).toBe("ÉZ");
    expect(initials("(…)")).toBe("?");
    expect(initials("")).toBe("?");
  });
});
