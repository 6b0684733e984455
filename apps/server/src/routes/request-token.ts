import type { FastifyRequest } from "fastify";

/** The token of a request: `Authorization: Bearer …` first, else `?token=`. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const query = request.query;
  if (query && typeof query === "object" && "token" in query) {
    const token: unknown = query.token;
    if (typeof token === "string") return token;
  }
  return undefined;
}
