import { createRequire } from "node:module";
import { cpSync, createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { parseRoute } from "./src/app/links";

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

/**
 * Excalidraw lists a CDN copy (esm.sh) after ours in every @font-face, whatever
 * EXCALIDRAW_ASSET_PATH says. The CSP blocks it, but Chromium still reports each
 * blocked URL (about 230 console errors a page load). So the fallback base is our
 * own origin: no request to another host is even attempted. The build fails if
 * any other reference to the CDN is left, so an Excalidraw upgrade cannot bring one back.
 */
const CDN_FALLBACK = /`https:\/\/esm\.sh\/\$\{[^`]*`[^`]*`\s*:\s*"@excalidraw\/excalidraw"\s*\}\/dist\/(?:prod|dev)\/`/g;
function excalidrawNoCdn(): Plugin {
  return {
    name: "quadrant-excalidraw-no-cdn",
    transform(code, id) {
      if (!id.includes("@excalidraw/excalidraw/dist/") || !code.includes("esm.sh")) return null;
      return { code: code.replace(CDN_FALLBACK, '(window.location.origin + "/")'), map: null };
    },
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === "chunk" && chunk.code.includes("esm.sh")) {
          this.error(`${name} still refers to esm.sh: Excalidraw changed how it finds its assets (vite.config.ts)`);
        }
      }
    },
  };
}

/**
 * Board links open board.html (src/boardMain.tsx), as the server answers them in production
 * (apps/server/src/routes/web-app.ts); the dev server would otherwise answer with index.html.
 */
function boardEntryInDev(): Plugin {
  return {
    name: "quadrant-board-entry",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [pathname = "", query] = (req.url ?? "").split("?");
        if (parseRoute(pathname, "").kind === "board") req.url = `/board.html${query === undefined ? "" : `?${query}`}`;
        next();
      });
    },
  };
}

/**
 * Excalidraw renders nothing until its English strings, a small lazy chunk, have arrived, and it
 * asks for them only once it mounts. On a board link the page's first scripts are still being
 * evaluated then, and the server is busy with the page's websocket and API calls, so that request
 * waited behind them (first byte 60-360 ms later in the web bench's timeline). Listed in
 * board.html, it arrives with the first scripts instead. The build fails if the chunk is not found.
 */
function preloadExcalidrawStrings(): Plugin {
  return {
    name: "quadrant-preload-excalidraw-strings",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        if (!context.filename.endsWith("board.html") || !context.bundle) return html;
        const strings = Object.values(context.bundle).find(
          (chunk) => chunk.type === "chunk" && /@excalidraw\/excalidraw\/dist\/(?:prod|dev)\/locales\/en-[^/]*\.js$/.test(chunk.facadeModuleId ?? ""),
        );
        if (!strings) throw new Error("Excalidraw's English strings chunk (locales/en-*.js) is not in the build: Excalidraw changed how it loads them (vite.config.ts)");
        return { html, tags: [{ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${strings.fileName}` }, injectTo: "head" }] };
      },
    },
  };
}

/**
 * The board counts as ready once Excalidraw's hand-drawn font has loaded (BoardCanvas: text
 * measured before it is too narrow), and Excalidraw asks for that font only after it has started,
 * so on a big board its fetch sat on the open's critical path. Its Latin file (the one every
 * board uses) is preloaded from board.html instead. The build fails if the file is not found.
 */
const EXCALIFONT_LATIN = /Excalifont-Regular-([0-9a-f]+)\.woff2[`"']\s*,\s*descriptors\s*:\s*\{\s*unicodeRange\s*:\s*[`"']U\+20-7e,/;
function preloadExcalifont(): Plugin {
  return {
    name: "quadrant-preload-excalifont",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        if (!context.filename.endsWith("board.html") || !context.bundle) return html;
        let hash: string | undefined;
        for (const chunk of Object.values(context.bundle)) if (chunk.type === "chunk") hash ??= EXCALIFONT_LATIN.exec(chunk.code)?.[1];
        if (!hash) throw new Error("Excalifont's Latin file (Excalifont-Regular-*.woff2, unicode range U+20-7e) is not in the build: Excalidraw changed how it lists its fonts (vite.config.ts)");
        const href = `/fonts/Excalifont/Excalifont-Regular-${hash}.woff2`;
        // crossorigin: font loads are CORS requests, and a preload is reused only in the same mode.
        return { html, tags: [{ tag: "link", attrs: { rel: "preload", as: "font", type: "font/woff2", crossorigin: true, href }, injectTo: "head" }] };
      },
    },
  };
}

const page = (name: string) => path.resolve(import.meta.dirname, name);

/**
 * Two pages: index.html (landing, pre-work) and board.html (board links, with Excalidraw).
 * The e2e build (`--mode e2e`) also holds bench.html: bare Excalidraw opening a scene from
 * `initialData`, the baseline of e2e/bench-board.ts; the production build never does.
 */
export default defineConfig(({ mode }) => ({
  plugins: [react(), excalidrawFonts(), excalidrawNoCdn(), boardEntryInDev(), preloadExcalidrawStrings(), preloadExcalifont()],
  define: {
    // Excalidraw's bundle checks this to choose between React and Preact.
    "process.env.IS_PREACT": JSON.stringify("false"),
  },
  build: {
    // Excalidraw alone is ~2.5 MB gzipped; it sits in the lazily loaded board chunk.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      input: { main: page("index.html"), board: page("board.html"), ...(mode === "e2e" ? { bench: page("bench.html") } : {}) },
    },
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/ws": { target: "ws://localhost:8080", ws: true },
    },
  },
}));
