// Compiles the server to dist/ for production (`npm start`, the Dockerfile, the benchmark):
// plain `node dist/server.js`, no TypeScript loader in the process (issue 17: idle RSS and
// ready time). Our workspace packages (@quadrant/*) export TypeScript sources, so they are
// bundled in; every other package stays an import from node_modules (native bindings,
// optional peers and their own file layout keep working). Development keeps tsx (`pnpm dev`).
import { build } from "esbuild";
import { copyFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, "dist");

/** Bare imports of third-party packages stay external; @quadrant/* and relative files are bundled. */
const externalThirdParty = {
  name: "external-third-party",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@quadrant/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: here,
  entryPoints: { server: "src/server.ts", backup: "src/cli/backup.ts" },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // No keepNames: without minifying, esbuild keeps every name unless two bundled modules declare
  // the same one (none do; compiled-server.test.ts checks the error classes' names). keepNames
  // wraps each closure's creation in a `__name` call, 1.5 % of the server's CPU in the boards run.
  plugins: [externalThirdParty],
  logLevel: "warning",
  metafile: true,
});
// The WAL checkpoint thread's file (plain JavaScript, loaded by URL at run time, not imported):
// beside the chunk that starts it, as it sits beside src/storage/wal-checkpointer.ts.
await copyFile(path.join(here, "src/storage/wal-checkpoint-worker.mjs"), path.join(outdir, "wal-checkpoint-worker.mjs"));
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
process.stdout.write(`server built to dist/ (${Math.round(bytes / 1024)} KiB with source maps)\n`);
