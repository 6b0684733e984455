import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import { decodeControlFrame, encodeControlFrame, MessageType, readControlText, SaveStatus } from "./index";

describe("control frames", () => {
  it("round-trips a message through the wire format and its schema", () => {
    const message = { type: "save-status", saved: true };
    const frame = encodeControlFrame(JSON.stringify(message));
    expect(frame[0]).toBe(100);
    expect(SaveStatus.parse(decodeControlFrame(frame))).toEqual(message);
  });

  it("a message handler reads the JSON text after the type", () => {
    const decoder = decoding.createDecoder(encodeControlFrame('{"kind":"ping"}'));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Control);
    expect(readControlText(decoder)).toBe('{"kind":"ping"}');
  });

  it("rejects frames of other types and malformed JSON", () => {
    expect(decodeControlFrame(new Uint8Array([0, 0, 1, 0]))).toBeNull();
    expect(decodeControlFrame(new Uint8Array([100, 3, 123, 123, 123]))).toBeNull();
  });
});
