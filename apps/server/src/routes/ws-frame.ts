/**
 * A server-to-client websocket frame (RFC 6455 §5.2): FIN, binary opcode, unmasked
 * payload. Unmasked frames are the same bytes for every recipient, so a broadcast can
 * frame its message once and hand each socket one buffer (ws-frame-cache.ts).
 */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (headerBytes === 2) {
    frame[1] = length;
  } else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerBytes);
  return frame;
}
