import { describe, expect, it } from "vitest";
import {
  BoardId,
  CloseCode,
  CreateBoardBody,
  MessageType,
  RenameBoardBody,
  TERMINAL_CLOSE_CODES,
  Token,
  canEdit,
} from "./index";

describe("wire constants", () => {
  it("keeps the stock y-websocket message types where stock clients expect them", () => {
    expect([MessageType.Sync, MessageType.Awareness, MessageType.Auth, MessageType.QueryAwareness]).toEqual([
      0, 1, 2, 3,
    ]);
    // Our own channel must never collide with a type a stock client decodes.
    expect(MessageType.Control).toBeGreaterThan(3);
  });

  it("uses close codes a browser may receive: 1000-1015 registered or 4000-4999 private", () => {
    const codes: number[] = Object.values(CloseCode);
    for (const code of codes) {
      const registered = code >= 1000 && code <= 1015 && code !== 1005 && code !== 1006;
      const applicationRange = code >= 4000 && code <= 4999;
      expect(registered || applicationRange, `close code ${code}`).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("treats only auth and deletion closes as terminal, so clients keep retrying after restarts", () => {
    expect(TERMINAL_CLOSE_CODES.has(CloseCode.Unauthorized)).toBe(true);
    expect(TERMINAL_CLOSE_CODES.has(CloseCode.BoardDeleted)).toBe(true);
    expect(TERMINAL_CLOSE_CODES.has(CloseCode.ServiceRestart)).toBe(false);
    expect(TERMINAL_CLOSE_CODES.has(CloseCode.SlowConsumer)).toBe(false);
  });
});

describe("ids and roles", () => {
  it("accepts 128-bit board ids and 256-bit tokens in base64url and nothing else", () => {
    expect(BoardId.safeParse("A".repeat(22)).success).toBe(true);
    expect(BoardId.safeParse("A".repeat(21)).success).toBe(false);
    expect(BoardId.safeParse("../../etc/passwd_____").success).toBe(false);
    expect(Token.safeParse("a-_".repeat(14) + "z").success).toBe(true);
    expect(Token.safeParse("a".repeat(44)).success).toBe(false);
  });

  it("lets only facilitators and editors write the document", () => {
    expect(canEdit("facilitator")).toBe(true);
    expect(canEdit("editor")).toBe(true);
    expect(canEdit("viewer")).toBe(false);
  });
});

describe("REST bodies", () => {
  it("trims titles and rejects empty, oversized and unknown fields with messages naming the problem", () => {
    expect(CreateBoardBody.parse({ title: "  Offsite  ", template: "swot" })).toEqual({
      title: "Offsite",
      template: "swot",
    });
    const empty = CreateBoardBody.safeParse({ title: "   ", template: "swot" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("title must not be empty");
    expect(RenameBoardBody.safeParse({ title: "x".repeat(201) }).error?.issues[0]?.message).toMatch(/200/);
    const extra = CreateBoardBody.safeParse({ title: "t", template: "swot", owner: "me" });
    expect(extra.success).toBe(false);
    expect(JSON.stringify(extra.error?.issues)).toContain("owner");
    expect(CreateBoardBody.safeParse({ title: "t", template: "kanban" }).success).toBe(false);
  });
});
