import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, link, newContext, openBoard, test } from "./fixtures";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CREATE_KEY = "offsite-2026-key";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A second server, from the same build, whose operator set BOARD_CREATE_KEY. */
async function startKeyedServer(): Promise<{ origin: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/server.ts"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      STORAGE: "memory",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "quadrant-e2e-key-")),
      PUBLIC_DIR: process.env.QUADRANT_E2E_PUBLIC,
      LOG_LEVEL: "warn",
      BOARD_CREATE_KEY: CREATE_KEY,
    },
    stdio: "inherit",
  });
  const origin = `http://127.0.0.1:${port}`;
  await expect(async () => {
    expect((await fetch(`${origin}/healthz`)).ok).toBe(true);
  }).toPass({ timeout: 30_000 });
  return { origin, process: child };
}

test("the landing page and the backup import ask for the creation key when the server requires one", async ({ browser, foreignRequests }) => {
  const server = await startKeyedServer();
  try {
    const context = await newContext(browser, server.origin, foreignRequests);
    await context.addInitScript(() => localStorage.setItem("quadrant.identity.v1", JSON.stringify({ name: "Kim Keyholder", color: "#1971c2" })));
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByLabel("Board title").fill("Keyed offsite");
    const key = page.getByTestId("create-key");
    await expect(key).toBeVisible();
    await key.fill("not-the-key");
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.getByRole("alert")).toContainText("creation key is not right");
    await key.fill(CREATE_KEY);
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.getByTestId("created-links")).toBeVisible();
    await expect(page.getByTestId("link-editor")).toHaveValue(/#t=[A-Za-z0-9_-]{43}$/);

    // Restoring a backup needs the key too: a new tab has none, so the panel asks for it.
    const facilitatorLink = await page.getByTestId("link-facilitator").inputValue();
    const token = new URL(facilitatorLink).hash.replace("#t=", "");
    const boardId = new URL(facilitatorLink).pathname.split("/").pop() ?? "";
    const fresh = await context.newPage();
    await fresh.goto(facilitatorLink);
    await expect(fresh.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true");
    await fresh.evaluate(() => sessionStorage.clear());
    // The SWOT frame is drawn when the facilitator first opens the board; back it up once it is stored.
    type Backup = { elements: Record<string, { link?: string | null }> };
    const backupOf = async (): Promise<Backup> =>
      (await (await fetch(`${server.origin}/api/boards/${boardId}/export?format=json`, { headers: { authorization: `Bearer ${token}` } })).json()) as Backup;
    await expect.poll(async () => Object.keys((await backupOf()).elements).length).toBeGreaterThan(0);
    const backup = await backupOf();
    const [firstId] = Object.keys(backup.elements);
    backup.elements[firstId ?? ""]!.link = "javascript:alert(document.cookie)";
    await fresh.getByTestId("import-backup").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
    await expect(fresh.getByRole("alert")).toContainText("needs its board creation key");
    await fresh.getByLabel("Creation key").fill(CREATE_KEY);
    await fresh.getByRole("button", { name: "Restore", exact: true }).click();
    await expect(fresh.getByTestId("imported-link")).toBeVisible();
    await expect(fresh.getByTestId("import-dropped")).toContainText("unsafe link removed");
    await context.close();
  } finally {
    server.process.kill("SIGTERM");
  }
});

test("the facilitator rotates the editor link: the old link's participant is shown out, the new link works", async ({ people, board }) => {
  const fran = await people.join("Fran Facilitator");
  const eddie = await people.join("Eddie Editor", "#2f9e44");
  await openBoard(fran.page, link(board, "facilitator"));
  await openBoard(eddie.page, link(board, "editor"));

  await fran.page.getByTestId("share-button").click();
  const dialog = fran.page.getByTestId("share-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("rotate-editor").click();
  await dialog.getByRole("button", { name: "Rotate now" }).click();
  await expect(dialog.getByTestId("share-message")).toContainText("New editor link ready");
  const fresh = await dialog.getByTestId("share-link-editor").inputValue();
  expect(fresh).not.toContain(board.tokens.editor);
  await fran.page.screenshot({ path: path.join(repoRoot, "docs/screenshots/share-rotate.png") });

  await expect(eddie.page.getByText("This link is not valid")).toBeVisible({ timeout: 15_000 });
  // A fragment-only change is a same-document navigation: leave the page first, as a person pasting a link does.
  await eddie.page.goto("about:blank");
  await openBoard(eddie.page, new URL(fresh).pathname + new URL(fresh).hash);
  await expect(eddie.page.getByTestId("my-role")).toHaveText("editor");
});
