import fastifyHelmet from "@fastify/helmet";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";

/**
 * Security headers on every response (@fastify/helmet) with a content security
 * policy the web app really works under; the end-to-end tests fail on any
 * violation the browser reports. Why each source is there:
 * - script-src 'self' + 'wasm-unsafe-eval': our bundle only (no inline script),
 *   and Excalidraw's font subsetting compiles WebAssembly in a worker.
 * - style-src 'unsafe-inline': Excalidraw and React set inline styles everywhere.
 * - img-src/font-src data: blob:: pasted images, exported PNGs, Excalidraw's
 *   self-hosted fonts turned into blobs.
 * - connect-src 'self': REST and the same-origin websocket (CSP3 'self' covers ws/wss).
 * - worker-src 'self' blob:: Excalidraw's workers and our offline service worker.
 * - frame-ancestors 'self': nobody frames a board to click-jack a facilitator.
 */
const plugin: FastifyPluginAsync = async (app) => {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'", "data:", "blob:"],
        workerSrc: ["'self'", "blob:"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // Excalidraw's fonts and workers are same-origin; cross-origin isolation is not needed.
    crossOriginEmbedderPolicy: false,
    // Only over https (browsers ignore it on http). Not includeSubDomains: a self-hosted
    // board must not force https on the rest of an operator's domain.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    // Board links carry the token in the fragment, but say it anyway: never send a Referer.
    referrerPolicy: { policy: "no-referrer" },
  });
};

export const securityHeaders = fp(plugin, { name: "quadrant-security-headers" });
