import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, link, openBoard, test } from "./fixtures";
import type { NoteView } from "@quadrant/templates";
import { anaAndBenOn, dragNoteTo, notes, quickNote, serverExport } from "./template-gestures";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

/**
 * The picture for the README: the template framed as on first open, the facilitation
 * dock folded to its header (as a facilitator does while working on the template) and
 * the template's own panel in view.
 */
async function screenshot(page: Page, name: string, panel: string, others: Page[]): Promise<void> {
  // Others' cursors rest beside the template, not over a note's text.
  for (const other of others) await other.mouse.move(846, 600, { steps: 3 });
  const toggle = page.getByTestId("facilitate-toggle");
  if ((await toggle.getAttribute("aria-expanded")) === "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await page.locator("section.side-panel", { has: page.getByTestId(panel) }).evaluate((section) => section.scrollIntoView({ block: "start" }));
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.press("Escape");
  await page.evaluate(() => window.__quadrantTemplates?.fit());
  await page.evaluate(() => window.__quadrantBoard?.nextFrame());
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

test("impact/effort: B drags a note top-left, A sees a Quick Win; A edits urgency, B sees it; the server's brief has it", async ({ people, request }) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "impact-effort", "Prioritisation");

  const id = await quickNote(ana.page, "Ship SSO");
  await dragNoteTo(ben.page, id, 150, 150);
  let moved: NoteView | undefined;
  await expect
    .poll(async () => {
      moved = (await notes(ben.page)).find((n) => n.id === id);
      return moved?.zoneName;
    })
    .toBe("Quick Wins");
  const row = ana.page.getByTestId(`matrix-row-${id}`);
  // within 2 s of B's drop, A's panel shows the Quick Win with B's score
  await expect(row).toHaveAttribute("data-quadrant", "Quick Wins", { timeout: 2_000 });
  await expect(row).toHaveAttribute("data-priority", String(moved?.priority), { timeout: 2_000 });
  expect(moved?.impact).toBeGreaterThan(7.5);
  expect(moved?.effort).toBeLessThan(3.5);

  await ana.page.getByTestId(`urgency-${id}`).fill("9");
  await ana.page.getByTestId(`urgency-${id}`).press("Enter");
  await expect(ben.page.getByTestId(`urgency-${id}`)).toHaveValue("9");
  const priority = (moved?.impact ?? 0) * 2 + 9 - 0.5 * (moved?.effort ?? 0) - 5;
  await expect(ben.page.getByTestId(`priority-${id}`)).toHaveText(String(Math.round(priority * 100) / 100));

  // editing impact in the panel moves the note on the other screen
  await ben.page.getByTestId(`impact-${id}`).fill("3");
  await ben.page.getByTestId(`impact-${id}`).press("Enter");
  await expect(ana.page.getByTestId(`matrix-row-${id}`)).toHaveAttribute("data-quadrant", "Nice to Have");
  await ben.page.getByTestId(`impact-${id}`).fill(String(moved?.impact));
  await ben.page.getByTestId(`impact-${id}`).press("Enter");
  await expect(ana.page.getByTestId(`matrix-row-${id}`)).toHaveAttribute("data-quadrant", "Quick Wins");

  await expect
    .poll(() => serverExport(request, board, "md"))
    .toMatch(new RegExp(`\\| 1 \\| Ship SSO \\| Quick Wins \\| ${(moved?.impact ?? 0).toFixed(1)} \\| ${(moved?.effort ?? 0).toFixed(1)} \\| 9\\.0 \\| 5\\.0 \\| ${String(Math.round(priority * 100) / 100).replace(".", "\\.")} \\|`));
  // "n", type, Enter: a quick sticky note from the keyboard
  await ana.page.locator("canvas.interactive").click({ position: { x: 900, y: 300 } });
  await ana.page.keyboard.press("n");
  await expect(ana.page.getByTestId("quick-note")).toBeFocused();
  await ana.page.keyboard.type("Fix flaky CI");
  await ana.page.keyboard.press("Enter");
  await expect.poll(async () => (await notes(ben.page)).some((n) => n.text === "Fix flaky CI")).toBe(true);

  // SVG of the matrix frame, fonts embedded
  await ana.page.getByLabel("image area").selectOption({ label: "Impact / Effort" });
  const [svg] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "SVG" }).click()]);
  const svgText = await readFile(await svg.path(), "utf8");
  expect(svgText).toContain("<svg");
  expect(svgText).toContain("@font-face");
  expect(svgText).toContain("Ship SSO");
  await screenshot(ana.page, "impact-effort", "matrix-panel", [ben.page]);
});

test("SWOT: B drops a note in Threats, A sees it listed; A writes an S×T strategy, B sees it; the brief has both", async ({ people, request }) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "swot", "SWOT review");

  const threat = await quickNote(ana.page, "New competitor");
  await dragNoteTo(ben.page, threat, 850, 600);
  await expect(ana.page.getByTestId("swot-zone-threats").getByTestId(`swot-item-${threat}`)).toBeVisible({ timeout: 2_000 });
  const strength = await quickNote(ana.page, "Loyal customers");
  await dragNoteTo(ana.page, strength, 250, 250);
  await expect(ben.page.getByTestId("swot-zone-strengths").getByTestId(`swot-item-${strength}`)).toBeVisible();

  // double-click in a zone, type, Escape: an Excalidraw text is a note too (RULE 9)
  await ben.page.evaluate(() => window.__quadrantTemplates?.fit());
  await ben.page.evaluate(() => window.__quadrantBoard?.nextFrame());
  const weak = await ben.page.evaluate(() => window.__quadrantTemplates?.toPage(850, 300) ?? null);
  if (!weak) throw new Error("no scene");
  await ben.page.mouse.dblclick(weak.x, weak.y);
  await ben.page.keyboard.type("Legacy monolith");
  await ben.page.keyboard.press("Escape");
  await expect(ana.page.getByTestId("swot-zone-weaknesses")).toContainText("Legacy monolith");

  await ana.page.getByLabel("pairing").selectOption("ST");
  await ana.page.getByLabel("Loyal customers").check();
  await ana.page.getByLabel("New competitor").check();
  await ana.page.getByLabel("strategy").fill("Lock in loyal customers before the competitor ships");
  await ana.page.getByLabel("strategy").press("Enter");
  await expect(ben.page.getByTestId("pairings")).toContainText("S×T Lock in loyal customers before the competitor ships");

  await expect.poll(() => serverExport(request, board, "md")).toContain("**Threats**\n\n- New competitor");
  const md = await serverExport(request, board, "md");
  expect(md).toContain("- **S×T:** Lock in loyal customers before the competitor ships (from: Loyal customers; New competitor)");
  await screenshot(ana.page, "swot", "swot-panel", [ben.page]);
});

test("theme map: A makes a theme from the selection, B sees it with its note and edits the driver; the brief has it", async ({ people, request }) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "theme-map", "Themes");

  const rbac = await quickNote(ana.page, "RBAC");
  await dragNoteTo(ben.page, rbac, 300, 300);
  await expect(ana.page.getByTestId("unthemed")).toContainText("RBAC", { timeout: 2_000 });
  const dark = await quickNote(ana.page, "Dark mode");
  await dragNoteTo(ana.page, dark, 800, 600);

  // select RBAC on A's canvas (click its top edge) and make a theme around it
  const at = await ana.page.evaluate(() => window.__quadrantTemplates?.toPage(300, 300 - 35) ?? null);
  if (!at) throw new Error("no scene");
  await ana.page.mouse.click(at.x, at.y);
  await ana.page.getByTestId("theme-from-selection").click();
  let themeId = "";
  await expect
    .poll(async () => {
      const v = await ben.page.evaluate(() => window.__quadrantTemplates?.view().themes.map((t) => ({ id: t.theme.id, notes: t.notes.map((n) => n.text) })) ?? []);
      themeId = v[0]?.id ?? "";
      return v[0]?.notes;
    })
    .toEqual(["RBAC"]);
  await expect(ana.page.getByTestId("unthemed")).not.toContainText("RBAC");
  await expect(ana.page.getByTestId("unthemed")).toContainText("Dark mode");

  await ben.page.getByTestId(`theme-name-${themeId}`).fill("Enterprise-ready platform");
  await ben.page.getByTestId(`theme-name-${themeId}`).press("Enter");
  await ben.page.getByTestId(`theme-driver-${themeId}`).fill("Enter the enterprise market");
  await ben.page.getByTestId(`theme-driver-${themeId}`).press("Enter");
  await expect(ana.page.getByTestId(`theme-driver-${themeId}`)).toHaveValue("Enter the enterprise market");
  // The frame's label on both canvases is the new name, not only the panel (the theme record);
  // and each canvas holds exactly the document's copy of the frame (same version and nonce),
  // not a private re-indexed one that a later patch from the document could tie with.
  const frameId = await ben.page.evaluate((id) => window.__quadrantTemplates?.view().themes.find((t) => t.theme.id === id)?.theme.frameId ?? "", themeId);
  const frameOn = (page: Page) =>
    page.evaluate((id) => {
      const hook = window.__quadrantTemplates;
      return { canvas: hook?.canvasElement(id) ?? null, doc: hook?.docElement(id) ?? null };
    }, frameId);
  expect(frameId).not.toBe("");
  for (const page of [ana.page, ben.page]) {
    await expect.poll(async () => (await frameOn(page)).canvas?.name).toBe("Enterprise-ready platform");
    await expect
      .poll(async () => {
        const { canvas, doc } = await frameOn(page);
        const [c, d] = [JSON.stringify(canvas), JSON.stringify(doc)];
        return c === d ? "same" : `canvas ${c} / doc ${d}`;
      })
      .toBe("same");
  }
  await expect.poll(() => serverExport(request, board, "md")).toContain("### 1. Enterprise-ready platform");
  const md = await serverExport(request, board, "md");
  expect(md).toContain("- **Business driver:** Enter the enterprise market");
  expect(md).toContain("- **Key initiatives:** RBAC");
  expect(md).toContain("**Not yet under a theme:** Dark mode");
  await screenshot(ana.page, "theme-map", "themes-panel", [ben.page]);

  // JSON backup from the panel, restored as a new board with the same theme and notes
  const [backup] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "Backup (.json)" }).click()]);
  await ana.page.getByTestId("import-backup").setInputFiles(await backup.path());
  const href = await ana.page.getByTestId("imported-link").getAttribute("href");
  expect(href).toMatch(/\/b\/[A-Za-z0-9_-]{22}#t=/);
  const copy = await ana.context.newPage();
  await openBoard(copy, new URL(href ?? "").pathname + new URL(href ?? "").hash);
  await expect
    .poll(() => copy.evaluate(() => window.__quadrantTemplates?.view().themes.map((t) => [t.theme.name, t.theme.driver, t.notes.map((n) => n.text)]) ?? []))
    .toEqual([["Enterprise-ready platform", "Enter the enterprise market", ["RBAC"]]]);
});

test("a board is framed once on first open: later edits and the person's own scrolling are left alone", async ({ people, request }) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "impact-effort", "Framing");
  const viewport = (page: Page) => page.evaluate(() => window.__quadrantFacilitation?.viewport() ?? null);

  // The whole matrix frame is on screen, clear of Excalidraw's toolbar (top) and zoom bar (bottom).
  const frame = await ben.page.evaluate(() => {
    const hook = window.__quadrantTemplates;
    const id = hook?.view().templates[0]?.frameId;
    const f = id ? hook?.docRect(id) : null;
    return hook && f ? { topLeft: hook.toPage(f.x, f.y), bottomRight: hook.toPage(f.x + f.width, f.y + f.height) } : null;
  });
  const canvas = await ben.page.getByTestId("board-canvas").boundingBox();
  if (!frame?.topLeft || !frame.bottomRight || !canvas) throw new Error("no frame or canvas");
  expect(frame.topLeft.x).toBeGreaterThan(canvas.x + 16);
  expect(frame.topLeft.y).toBeGreaterThan(canvas.y + 80);
  expect(frame.bottomRight.x).toBeLessThan(canvas.x + canvas.width - 16);
  expect(frame.bottomRight.y).toBeLessThan(canvas.y + canvas.height - 60);

  // Ben scrolls away; a note Ana adds afterwards reaches him without moving his view.
  const box = await ben.page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await ben.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const framed = await viewport(ben.page);
  await ben.page.mouse.wheel(400, 300);
  await expect.poll(() => viewport(ben.page)).not.toEqual(framed);
  await ben.page.waitForTimeout(300);
  const scrolled = await viewport(ben.page);
  const anaBefore = await viewport(ana.page);
  const id = await quickNote(ana.page, "Late idea");
  await expect.poll(async () => (await ben.page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? [])).some((e) => e.id === id)).toBe(true);
  await ben.page.waitForTimeout(500);
  expect(await viewport(ben.page)).toEqual(scrolled);
  expect(await viewport(ana.page)).toEqual(anaBefore);
});
