import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

export interface WebAppOptions {
  publicDir: string;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quadrant: web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The Quadrant server is running, but the web app is not built</h1>
<p>Build it once with <code>pnpm --filter @quadrant/web build</code> and reload this page
(or start everything with <code>npm start</code>).</p>
<p>The API is up: see <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/** A board link, /b/<id> (apps/web/src/app/links.ts): the other /b/… pages (pre-work) are index.html's. */
const BOARD_PAGE = /^\/b\/[^/]+\/?$/;

/**
 * Serves the built web app at /. Board links get board.html, the entry that loads the board and
 * Excalidraw with the page's first scripts; the other pages under /b/ get index.html. A build
 * from before board.html existed is served index.html for both.
 */
export const webAppRoutes: FastifyPluginAsync<WebAppOptions> = async (app, { publicDir }) => {
  const indexFile = path.join(publicDir, "index.html");
  if (!existsSync(indexFile)) {
    app.log.warn({ publicDir }, "web app not built; serving a placeholder page at /");
    const placeholder = async (_request: unknown, reply: import("fastify").FastifyReply) =>
      reply.status(200).type("text/html; charset=utf-8").send(NOT_BUILT_PAGE);
    app.get("/", { schema: { hide: true } }, placeholder);
    app.get("/b/*", { schema: { hide: true } }, placeholder);
    return;
  }
  await app.register(fastifyStatic, { root: publicDir, prefix: "/", index: ["index.html"] });
  const boardPage = existsSync(path.join(publicDir, "board.html")) ? "board.html" : "index.html";
  app.get("/b/*", { schema: { hide: true } }, async (request, reply) =>
    reply.sendFile(BOARD_PAGE.test(request.url.split("?")[0] ?? "") ? boardPage : "index.html"),
  );
};
