// The production build (dist/) must expose no test hook: the read-only window.__quadrant*
// objects exist only in the e2e build (`vite build --mode e2e`, .env.e2e). Run after `vite build`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", "assets");
const leaks = readdirSync(assets)
  .filter((name) => name.endsWith(".js"))
  .flatMap((name) => (readFileSync(path.join(assets, name), "utf8").match(/__quadrant\w+/g) ?? []).map((hook) => `${name}: ${hook}`));
if (leaks.length > 0) {
  console.error(`the production bundle exposes test hooks:\n  ${[...new Set(leaks)].join("\n  ")}`);
  process.exit(1);
}
// The benchmark's bare Excalidraw page (bench.html) belongs to the e2e build only.
if (existsSync(path.join(assets, "..", "bench.html"))) {
  console.error("the production bundle contains bench.html, the benchmark's baseline page (vite.config.ts builds it only with --mode e2e)");
  process.exit(1);
}
console.log("production bundle: no test hooks, no benchmark page");
