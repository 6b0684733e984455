import { describe, expect, it } from "vitest";
import type { BoardAccess } from "./board-access";
import { restParticipant, socketParticipant } from "./participant";

const CLAIMED = "alice-participant-00000001";

function access(token: string): BoardAccess {
  const tokenHashes = { facilitator: "f", editor: "e", viewer: "v" };
  return { board: { id: "b".repeat(22), title: "t", template: "blank", createdAt: "", tokenHashes }, role: "editor", token };
}

describe("participant ids", () => {
  it("a claimed id of 16 or more id characters is the participant, over the websocket and REST", () => {
    expect(socketParticipant({ id: "c1", participant: CLAIMED })).toBe(CLAIMED);
    expect(restParticipant(CLAIMED, access("tok"), "10.0.0.1")).toBe(CLAIMED);
  });

  it("a short or odd claim is not trusted: the socket is anonymous for its life", () => {
    expect(socketParticipant({ id: "3f2a-9c", participant: "short" })).toBe("conn-3f2a-9c");
    expect(socketParticipant({ id: "3f2a-9c", participant: "has spaces but is long enough" })).toBe("conn-3f2a-9c");
    expect(socketParticipant({ id: "a.b:c" })).toBe("conn-abc");
  });

  it("an anonymous REST caller is its link and address, hashed", () => {
    const id = restParticipant(undefined, access("tok"), "10.0.0.1");
    expect(id).toMatch(/^rest-[A-Za-z0-9_-]{22}$/);
    expect(restParticipant("short", access("tok"), "10.0.0.1")).toBe(id);
    expect(restParticipant(undefined, access("tok"), "10.0.0.2")).not.toBe(id);
    expect(restParticipant(undefined, access("other"), "10.0.0.1")).not.toBe(id);
    expect(id).not.toContain("10.0.0.1");
  });
});
