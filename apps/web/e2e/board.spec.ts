import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { attemptRectangle, drawRectangle, writeText, expect, expectElementCount, link, openBoard, sceneElements, test } from "./fixtures";

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
mkdirSync(artifacts, { recursive: true });

test("a facilitator creates a board from the landing page and gets three links", async ({ people }) => {
  const { page } = await people.join("Fran Facilitator");
  await page.goto("/");
  await page.getByLabel("Board title").fill("Q3 platform strategy");
  await page.getByText("SWOT", { exact: true }).click();
  await page.screenshot({ path: path.join(artifacts, "landing.png") });
  await page.getByRole("button", { name: "Create board" }).click();
  const links = page.getByTestId("created-links");
  await expect(links).toBeVisible();
  for (const role of ["facilitator", "editor", "viewer"]) {
    await expect(page.getByTestId(`link-${role}`)).toHaveValue(/\/b\/[A-Za-z0-9_-]{22}#t=[A-Za-z0-9_-]{43}$/);
  }
  await expect(page.getByTestId("board-list")).toContainText("Q3 platform strategy");
  await page.screenshot({ path: path.join(artifacts, "landing-created.png") });
  await page.getByRole("link", { name: "Open as facilitator" }).click();
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("my-role")).toHaveText("facilitator");
});

test("a new participant is asked for a display name once", async ({ browser, board, baseURL, foreignRequests }) => {
  const { newContext } = await import("./fixtures");
  const context = await newContext(browser, new URL(baseURL ?? "").origin, foreignRequests);
  const page = await context.newPage();
  await page.goto(link(board, "editor"));
  await page.getByPlaceholder("Your name").fill("Nadia");
  await page.getByRole("button", { name: "Join board" }).click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await page.reload();
  await expect(page.getByTestId("board-canvas")).toBeVisible();
  await expect(page.getByPlaceholder("Your name")).toHaveCount(0);
  await context.close();
});

test("two people co-draw: shapes and cursors appear in the other browser", async ({ people, board }) => {
  const ana = await people.join("Ana Alvarez", "#e03131");
  const ben = await people.join("Ben Brooks", "#1971c2");
  await openBoard(ana.page, link(board, "facilitator"));
  await openBoard(ben.page, link(board, "editor"));

  await drawRectangle(ana.page, 300, 200, 220, 140);
  await expectElementCount(ana.page, 1);
  await expectElementCount(ben.page, 1);

  await drawRectangle(ben.page, 620, 260, 180, 180);
  await expectElementCount(ana.page, 2);
  const fromAna = (await sceneElements(ana.page)).map((e) => [e.id, e.x, e.y]).sort();
  const fromBen = (await sceneElements(ben.page)).map((e) => [e.id, e.x, e.y]).sort();
  expect(fromBen).toEqual(fromAna);

  // Text: written in one browser, shown in the other (its font comes from our origin, see the fixture).
  await writeText(ben.page, 330, 420, "Quick win: SSO");
  await expectElementCount(ana.page, 3);
  await expect
    .poll(async () => (await sceneElements(ana.page)).find((e) => e.type === "text")?.width ?? 0)
    .toBeGreaterThan(80);

  // Ana's cursor shows up in Ben's canvas, with her name; both see each other in the participant list.
  await ana.page.mouse.move(500, 500);
  await ana.page.mouse.move(520, 480, { steps: 3 });
  await expect
    .poll(() => ben.page.evaluate(() => window.__quadrantBoard?.collaborators() ?? []))
    .toContainEqual({ name: "Ana Alvarez", hasPointer: true });
  await expect(ben.page.getByTestId("participants")).toContainText("Ana Alvarez");
  await expect(ana.page.getByTestId("participants")).toContainText("Ben Brooks");

  // Follow: Ben follows Ana's viewport from the participant list.
  await ben.page.getByTestId("participant").filter({ hasText: "Ana Alvarez" }).click();
  await expect(ben.page.getByRole("button", { name: "Stop following" })).toBeVisible();
  await ben.page.getByRole("button", { name: "Stop following" }).click();

  // A tidy picture for reviewers: nothing selected, both cursors on the canvas.
  await ana.page.mouse.click(850, 700);
  await ben.page.mouse.click(850, 700);
  await ana.page.mouse.move(470, 420, { steps: 4 });
  await ben.page.mouse.move(760, 520, { steps: 4 });
  await ben.page.waitForTimeout(400);
  // Ana's view (the facilitator, dock open) is the README's picture of a board in use.
  await ana.page.screenshot({ path: path.join(screenshots, "two-person-board.png") });
  await ben.page.screenshot({ path: path.join(artifacts, "two-person-board-ben.png") });
});

test("a viewer sees changes live but cannot change anything", async ({ people, board }) => {
  const editor = await people.join("Eddie Editor");
  const viewer = await people.join("Vera Viewer");
  await openBoard(editor.page, link(board, "editor"));
  await openBoard(viewer.page, link(board, "viewer"));
  await expect(viewer.page.getByTestId("my-role")).toHaveText("view only");

  await drawRectangle(editor.page, 300, 250, 150, 100);
  await expectElementCount(viewer.page, 1);

  // View mode: no shape tools, and drawing gestures do nothing.
  await expect(viewer.page.locator(".App-toolbar")).toHaveCount(0);
  await attemptRectangle(viewer.page, 500, 300, 150, 150);
  // and dragging the editor's rectangle
  await attemptRectangle(viewer.page, 320, 260, 100, 100);
  await viewer.page.keyboard.press("Delete");
  await viewer.page.waitForTimeout(500);
  await expectElementCount(viewer.page, 1);
  await expectElementCount(editor.page, 1);
  expect(await editor.page.evaluate(() => window.__quadrantBoard?.docElementCount())).toBe(1);
});

test("a reload keeps everything, including for a late joiner", async ({ people, board }) => {
  const ana = await people.join("Ana");
  await openBoard(ana.page, link(board, "editor"));
  await drawRectangle(ana.page, 300, 200, 100, 100);
  await drawRectangle(ana.page, 500, 200, 100, 100);
  await expectElementCount(ana.page, 2);
  await ana.page.reload();
  await openBoard(ana.page, link(board, "editor"));
  await expectElementCount(ana.page, 2);

  const late = await people.join("Late Larry");
  await openBoard(late.page, link(board, "editor"));
  await expectElementCount(late.page, 2);
  // stays drawn after Excalidraw's own start-up settles (the blank late-joiner trap)
  await late.page.waitForTimeout(2000);
  await expectElementCount(late.page, 2);
});

test("an edit made offline is kept, survives a reload, and arrives after reconnecting", async ({ people, board }) => {
  const ana = await people.join("Ana");
  const ben = await people.join("Ben");
  await openBoard(ana.page, link(board, "editor"));
  await openBoard(ben.page, link(board, "editor"));

  await ana.context.setOffline(true);
  await expect(ana.page.getByTestId("connection-status")).toHaveAttribute("data-status", "offline");
  await drawRectangle(ana.page, 300, 300, 120, 120);
  await expectElementCount(ana.page, 1);
  await ben.page.waitForTimeout(800);
  await expectElementCount(ben.page, 0);

  await ana.context.setOffline(false);
  await expect(ana.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  await expectElementCount(ben.page, 1);
});

test("a reload while offline shows the last state, offline edits included", async ({ people, board }) => {
  const ana = await people.join("Ana");
  await openBoard(ana.page, link(board, "editor"));
  await drawRectangle(ana.page, 300, 200, 100, 100);
  // the service worker has cached the app shell once it controls the page
  await expect.poll(() => ana.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await ana.page.reload();
  await openBoard(ana.page, link(board, "editor"));
  await ana.context.setOffline(true);
  await drawRectangle(ana.page, 500, 200, 100, 100);
  await ana.page.waitForTimeout(300);
  await ana.page.reload();
  await expect(ana.page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true");
  await expect(ana.page.getByTestId("connection-status")).toHaveAttribute("data-status", "offline");
  await expectElementCount(ana.page, 2);
  await ana.context.setOffline(false);
  await expect(ana.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
});

test("an offline edit is kept in IndexedDB when the tab is closed before reconnecting", async ({ people, board }) => {
  const ana = await people.join("Ana");
  const ben = await people.join("Ben");
  await openBoard(ana.page, link(board, "editor"));
  await openBoard(ben.page, link(board, "editor"));
  await ana.context.setOffline(true);
  await expect(ana.page.getByTestId("connection-status")).toHaveAttribute("data-status", "offline");
  await drawRectangle(ana.page, 300, 300, 120, 120);
  await expectElementCount(ana.page, 1);
  await ana.page.waitForTimeout(300); // y-indexeddb stores updates asynchronously
  await ana.page.close();
  await expectElementCount(ben.page, 0);
  await ana.context.setOffline(false);
  const again = await ana.context.newPage();
  await openBoard(again, link(board, "editor"));
  await expectElementCount(again, 1);
  await expectElementCount(ben.page, 1);
});

test("a wrong link, a missing token and an unknown board show a clear page", async ({ people, board }) => {
  const { page } = await people.join("Mallory");
  await page.goto(`/b/${board.id}#t=${"x".repeat(43)}`);
  await expect(page.getByTestId("message-page")).toHaveAttribute("data-code", "unauthorized");
  await expect(page.getByRole("heading")).toHaveText("This link is not valid");
  await page.goto(`/b/${board.id}`);
  await expect(page.getByTestId("message-page")).toHaveAttribute("data-code", "no_token");
  await page.goto(`/b/${"A".repeat(22)}#t=${board.tokens.editor}`);
  await expect(page.getByTestId("message-page")).toHaveAttribute("data-code", "not_found");
});
