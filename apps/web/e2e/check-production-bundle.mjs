// The production build (dist/) must expose no test hook: the read-only window.__quadrant*
// objects exist only in the e2e build (`vite build --mode e2e`, .env.e2e). Run after `vite build`.
import { readdirSync, readFileSync } from "node:fs";
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
console.log("production bundle: no test hooks");
