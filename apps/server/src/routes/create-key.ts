import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { CREATE_KEY_HEADER } from "@quadrant/protocol";
import { HttpError } from "./http-error";

/**
 * BOARD_CREATE_KEY: when the operator sets it, creating or importing a board
 * needs it in the `X-Create-Key` header, so a public instance is not an open
 * pastebin. Compared in constant time (hashes of equal length).
 */
export function createKeyCheck(key: string | undefined): (request: FastifyRequest) => void {
  if (key === undefined) return () => {};
  const expected = sha256(key);
  return (request) => {
    const given = request.headers[CREATE_KEY_HEADER];
    if (typeof given !== "string" || given.length === 0) {
      throw new HttpError(401, "create_key_required", "this server needs a board creation key: ask its operator for it and send it in the X-Create-Key header");
    }
    if (!timingSafeEqual(sha256(given), expected)) {
      throw new HttpError(403, "create_key_invalid", "the board creation key is not right: check it with the server's operator");
    }
  };
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
