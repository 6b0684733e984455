// Playwright cannot download its own browser here: use Debian's chromium, installing it when missing.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.log("chromium missing: installing the Debian package (about 30 s)…");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "chromium"]);
}
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is still missing; install chromium and retry.`);
  process.exit(1);
}
