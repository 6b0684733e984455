import { describe, expect, it } from "vitest";
import { GroupJoinCode } from "@quadrant/facilitation";
import { parseRoute } from "../app/links";
import { groupCodeFromHash, groupLink, newJoinCode } from "./groupLinks";

describe("group links", () => {
  it("a new join code is 32 hex characters the server accepts", () => {
    const code = newJoinCode();
    expect(code).toMatch(/^[0-9a-f]{32}$/);
    expect(GroupJoinCode.safeParse(code).success).toBe(true);
    expect(newJoinCode()).not.toBe(code);
  });

  it("the link keeps the board route and its token, and carries the code in the fragment", () => {
    const link = new URL(groupLink("https://q.example", "abcdefghijklmnopqrstuv", "tok_en-1", "0123456789abcdef0123"));
    expect(link.search).toBe("");
    expect(parseRoute(link.pathname, link.hash)).toEqual({ kind: "board", boardId: "abcdefghijklmnopqrstuv", token: "tok_en-1" });
    expect(groupCodeFromHash(link.hash)).toBe("0123456789abcdef0123");
  });

  it("no code, or one the server would refuse, is no code", () => {
    expect(groupCodeFromHash("#t=abc")).toBeNull();
    expect(groupCodeFromHash("#t=abc&g=short")).toBeNull();
  });
});
