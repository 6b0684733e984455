/** The public link form `/b/<boardId>#t=<token>`: outside tools rely on it; the token stays in the fragment. */
export function boardLink(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}#t=${encodeURIComponent(token)}`;
}

/** The pre-work page of a board (issue 18): the same token in the fragment, for the link's role. */
export function preworkLink(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}/prework#t=${encodeURIComponent(token)}`;
}

export type Route =
  | { kind: "landing" }
  | { kind: "board"; boardId: string; token: string | null }
  | { kind: "prework"; boardId: string; token: string | null }
  | { kind: "not-found" };

export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === "/" || pathname === "/index.html") return { kind: "landing" };
  const prework = /^\/b\/([^/]+)\/prework\/?$/.exec(pathname);
  if (prework?.[1]) {
    return { kind: "prework", boardId: decodeURIComponent(prework[1]), token: new URLSearchParams(hash.replace(/^#/, "")).get("t") };
  }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return { kind: "not-found" };
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("t");
  return { kind: "board", boardId: decodeURIComponent(match[1]), token };
}
