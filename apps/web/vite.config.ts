import { createRequire } from "node:module";
import { cpSync, createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Excalidraw 0.18 loads its fonts from `window.EXCALIDRAW_ASSET_PATH + "fonts/…"`
 * and falls back to a CDN. We ship the package's own font folder at `/fonts/`
 * (copied into the build, served from node_modules in dev) so no request leaves
 * the origin. The package.json is not exported: resolve the entry and walk up.
 */
function excalidrawFonts(): Plugin {
  const require = createRequire(import.meta.url);
  const fontsDir = path.join(path.dirname(require.resolve("@excalidraw/excalidraw")), "fonts");
  let outDir = "dist";
  return {
    name: "quadrant-excalidraw-fonts",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use("/fonts", (req, res, next) => {
        const file = path.join(fontsDir, decodeURIComponent((req.url ?? "").split("?")[0] ?? ""));
        if (!file.startsWith(fontsDir) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader("Content-Type", "font/woff2");
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      cpSync(fontsDir, path.join(outDir, "fonts"), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), excalidrawFonts()],
  define: {
    // Excalidraw's bundle checks this to choose between React and Preact.
    "process.env.IS_PREACT": JSON.stringify("false"),
  },
  build: {
    // Excalidraw alone is ~2.5 MB gzipped; it sits in the lazily loaded board chunk.
    chunkSizeWarningLimit: 6000,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/ws": { target: "ws://localhost:8080", ws: true },
    },
  },
});
