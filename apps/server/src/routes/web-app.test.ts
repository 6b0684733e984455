import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/test-server";

describe("the web app", () => {
  let server: TestServer | null = null;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("serves the build at /, and index.html for board links when the build has no board.html", async () => {
    const publicDir = mkdtempSync(path.join(tmpdir(), "quadrant-web-"));
    dirs.push(publicDir);
    writeFileSync(path.join(publicDir, "index.html"), "<!doctype html><title>Quadrant app</title>");
    mkdirSync(path.join(publicDir, "assets"));
    writeFileSync(path.join(publicDir, "assets", "app.js"), "console.log('app')");
    server = await startTestServer({ publicDir });

    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain("Quadrant app");
    const board = await fetch(`${server.url}/b/${"x".repeat(22)}`);
    expect(board.status).toBe(200);
    expect(board.headers.get("content-type")).toContain("text/html");
    expect(await board.text()).toContain("Quadrant app");
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain("console.log");
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it("answers board links with board.html and the board's other pages with index.html", async () => {
    const publicDir = mkdtempSync(path.join(tmpdir(), "quadrant-web-"));
    dirs.push(publicDir);
    writeFileSync(path.join(publicDir, "index.html"), "<!doctype html><title>Quadrant app</title>");
    writeFileSync(path.join(publicDir, "board.html"), "<!doctype html><title>Quadrant board</title>");
    server = await startTestServer({ publicDir });

    const id = "x".repeat(22);
    for (const link of [`/b/${id}`, `/b/${id}/`, `/b/${id}?from=mail`]) {
      const page = await fetch(`${server.url}${link}`);
      expect(page.status, link).toBe(200);
      expect(await page.text(), link).toContain("Quadrant board");
    }
    expect(await (await fetch(`${server.url}/b/${id}/prework`)).text()).toContain("Quadrant app");
    expect(await (await fetch(`${server.url}/`)).text()).toContain("Quadrant app");
  });

  it("explains how to build the web app when PUBLIC_DIR has no build", async () => {
    server = await startTestServer({ publicDir: path.join(tmpdir(), "quadrant-no-such-dir") });
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain("pnpm --filter @quadrant/web build");
  });
});
