import { describe, expect, it } from "vitest";
import { boardLink, parseRoute, preworkLink } from "./links";

describe("board links", () => {
  it("round-trip through the fragment form", () => {
    const link = new URL(boardLink("http://x", "abcdefghijklmnopqrstuv", "tok_en-1"));
    expect(link.pathname).toBe("/b/abcdefghijklmnopqrstuv");
    expect(link.search).toBe("");
    expect(parseRoute(link.pathname, link.hash)).toEqual({ kind: "board", boardId: "abcdefghijklmnopqrstuv", token: "tok_en-1" });
  });
  it("routes the landing page and unknown paths", () => {
    expect(parseRoute("/", "")).toEqual({ kind: "landing" });
    expect(parseRoute("/b/x", "")).toEqual({ kind: "board", boardId: "x", token: null });
    expect(parseRoute("/nope", "")).toEqual({ kind: "not-found" });
  });
  it("routes the pre-work page with its token", () => {
    const link = new URL(preworkLink("http://x", "abcdefghijklmnopqrstuv", "tok_en-1"));
    expect(link.pathname).toBe("/b/abcdefghijklmnopqrstuv/prework");
    expect(parseRoute(link.pathname, link.hash)).toEqual({ kind: "prework", boardId: "abcdefghijklmnopqrstuv", token: "tok_en-1" });
    expect(parseRoute("/b/x/other", "")).toEqual({ kind: "not-found" });
  });
});
