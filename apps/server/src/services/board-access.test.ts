import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@quadrant/protocol";
import { type BoardAccess, type BoardAction, permits, requirePermission } from "./board-access";

function as(role: Role): BoardAccess {
  const tokenHashes = { facilitator: "f", editor: "e", viewer: "v" };
  return { board: { id: "b".repeat(22), title: "t", template: "blank", createdAt: "", tokenHashes }, role, token: "tok" };
}

function allowed(action: BoardAction): Role[] {
  return ROLES.filter((role) => permits(role, action));
}

describe("authorization by role", () => {
  it("names the roles of every board action", () => {
    expect(allowed("board.read")).toEqual(["facilitator", "editor", "viewer"]);
    expect(allowed("board.rename")).toEqual(["facilitator"]);
    expect(allowed("board.rotate-links")).toEqual(["facilitator"]);
    expect(allowed("board.delete")).toEqual(["facilitator"]);
    expect(allowed("board.export")).toEqual(["facilitator", "editor"]);
    expect(allowed("facilitation.read")).toEqual(["facilitator", "editor", "viewer"]);
    expect(allowed("facilitation.command")).toEqual(["facilitator", "editor", "viewer"]);
    expect(allowed("history.read")).toEqual(["facilitator", "editor", "viewer"]);
    expect(allowed("history.checkpoint")).toEqual(["facilitator"]);
    expect(allowed("history.restore")).toEqual(["facilitator"]);
  });

  it("a refusal is forbidden, with the action's own message", () => {
    expect(() => requirePermission(as("editor"), "board.delete")).toThrow("this action needs the facilitator link");
    expect(() => requirePermission(as("editor"), "board.rotate-links")).toThrow("only the facilitator link can rotate links");
    expect(() => requirePermission(as("viewer"), "board.export")).toThrow("exports need the facilitator or editor link");
  });
});
