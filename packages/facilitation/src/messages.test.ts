import { describe, expect, it } from "vitest";
import { decodeControlFrame, encodeControlFrame } from "@quadrant/protocol";
import { ClientControlMessage, initialState, ServerControlMessage, viewFor } from "./index";

describe("control frames", () => {
  it("round-trips a view through the wire format and its schema", () => {
    const message = { type: "view", view: viewFor(initialState(), "p1", "editor", 42) };
    const frame = encodeControlFrame(JSON.stringify(message));
    expect(frame[0]).toBe(100);
    expect(ServerControlMessage.parse(decodeControlFrame(frame))).toEqual(message);
  });

  it("rejects frames of other types and malformed JSON", () => {
    expect(decodeControlFrame(new Uint8Array([0, 0, 1, 0]))).toBeNull();
    expect(decodeControlFrame(new Uint8Array([100, 3, 123, 123, 123]))).toBeNull();
  });

  it("client messages are validated strictly", () => {
    expect(ClientControlMessage.safeParse({ id: 1, command: { type: "timer.start" } }).success).toBe(true);
    expect(ClientControlMessage.safeParse({ id: 1, command: { type: "timer.start", extra: 1 } }).success).toBe(false);
    expect(ClientControlMessage.safeParse({ id: 1, command: { type: "vote.cast", noteId: "" } }).success).toBe(false);
    expect(ClientControlMessage.safeParse({ id: 1, command: { type: "nope" } }).success).toBe(false);
  });
});
