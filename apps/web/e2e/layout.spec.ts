import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";
import { expect, link, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { type Box, expectFitted, insert, openPatiently as open, overlap, sceneRect } from "./navigation-gestures";
import { anaAndBenOn, clickNote, createBoard, notes, quickNote, templates, toPage, waitForTemplates } from "./template-gestures";

/**
 * Issue #15, the panel that fits, presentation mode and agenda frames: Ana facilitates, Ben
 * edits. Every action is a click, a key or a touch; the test hooks only read.
 */

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

/** Unfolds the facilitation tools (folded by default below 1100 px wide). */
async function openDock(page: Page): Promise<void> {
  const toggle = page.getByTestId("facilitate-toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}

/**
 * Every section of the tools column can be brought into view by scrolling the ONE scroll area,
 * and then its heading is wholly on screen and the section is not cut off at the sides.
 */
async function expectEverySectionReachable(page: Page, size: string): Promise<void> {
  const column = page.getByTestId("side-column");
  const columnBox = (await column.boundingBox())!;
  const viewport = page.viewportSize()!;
  // Nothing wider than the column (no sideways cut-off), and no scroll area inside the scroll area.
  const nested = await column.evaluate((el) => {
    // (text fields scroll their own text: that is not a panel scroll area)
    const inner = [...el.querySelectorAll<HTMLElement>(":not(textarea):not(select)")].filter((child) => {
      const style = getComputedStyle(child);
      return /(auto|scroll)/.test(style.overflowY) && child.scrollHeight > child.clientHeight + 1;
    });
    return { inner: inner.map((e) => `${e.tagName}.${e.className}`), wide: el.scrollWidth > el.clientWidth + 1 };
  });
  expect(nested, `${size}: one vertical scroll area, nothing cut off at the side`).toEqual({ inner: [], wide: false });
  const sections = column.locator("[data-fold]");
  const count = await sections.count();
  expect(count, `${size}: sections`).toBeGreaterThan(8);
  for (let i = 0; i < count; i++) {
    const section = sections.nth(i);
    if (!(await section.isVisible())) continue;
    const toggle = section.locator(".fold-toggle").first();
    await toggle.scrollIntoViewIfNeeded();
    const head = (await toggle.boundingBox())!;
    const box = (await section.boundingBox())!;
    const name = (await toggle.textContent()) ?? `#${i}`;
    expect(head.y, `${size}: ${name} heading below the top`).toBeGreaterThanOrEqual(columnBox.y - 1);
    expect(head.y + head.height, `${size}: ${name} heading above the bottom`).toBeLessThanOrEqual(viewport.height + 1);
    expect(box.x, `${size}: ${name} left edge`).toBeGreaterThanOrEqual(columnBox.x - 1);
    expect(box.x + box.width, `${size}: ${name} right edge`).toBeLessThanOrEqual(Math.min(viewport.width, columnBox.x + columnBox.width) + 1);
  }
  // The last section's end can be scrolled into view too (the column scrolls all the way).
  const last = sections.nth(count - 1);
  await last.evaluate((el) => el.scrollIntoView({ block: "end" }));
  const end = (await last.boundingBox())!;
  expect(end.y + end.height, `${size}: the last section ends on screen`).toBeLessThanOrEqual(viewport.height + 1);
}

/** Tab from `start` through `stops` controls: each is named, in the tools column, has a visible focus ring, in reading order. */
async function expectKeyboardWalk(page: Page, start: Locator, stops: number): Promise<void> {
  await start.focus();
  let previous = -Infinity;
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return null;
      const style = getComputedStyle(el);
      const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      const name = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || el.getAttribute("title") || "";
      const inColumn = el.closest("[data-testid=side-column]") !== null;
      const top = el.getBoundingClientRect().top;
      return { ring, name: name.trim(), inColumn, top, tag: el.tagName, order: [...document.querySelectorAll("*")].indexOf(el) };
    });
    expect(focused, `tab stop ${i}`).not.toBeNull();
    expect(focused!.inColumn, `tab stop ${i} (${focused!.tag} ${focused!.name}) stays in the tools column`).toBe(true);
    expect(focused!.ring, `tab stop ${i} (${focused!.tag} ${focused!.name}) shows where the focus is`).toBe(true);
    expect(focused!.name, `tab stop ${i} (${focused!.tag}) has a name`).not.toBe("");
    expect(focused!.order, `tab stop ${i} (${focused!.name}) follows the reading order`).toBeGreaterThan(previous);
    previous = focused!.order;
  }
}

test.describe.configure({ timeout: 300_000 });

test("the tools column fits at 1280×800, 1024×768 and 200 % zoom, folds and remembers, is keyboard reachable; axe finds nothing serious", async ({ people, request, page }) => {
  // ---- Landing page -----------------------------------------------------------------------
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the landing page");

  const { board, ana, ben } = await anaAndBenOn(people, request, "impact-effort", "Layout check", open);
  const matrix = (await templates(ana.page))[0]!.frameId;
  await openDock(ana.page);

  // ---- Every section reachable at each size (200 % zoom = half the CSS pixels) --------------
  for (const [width, height] of [
    [1280, 800],
    [1024, 768],
    [640, 400],
  ] as const) {
    await ana.page.setViewportSize({ width, height });
    await openDock(ana.page);
    if (width <= 760) {
      // A bottom sheet under the canvas, not over it.
      const canvas = (await ana.page.getByTestId("board-canvas").boundingBox())!;
      const sheet = (await ana.page.getByTestId("side-column").boundingBox())!;
      expect(canvas.y + canvas.height).toBeLessThanOrEqual(sheet.y + 1);
      expect(canvas.height).toBeGreaterThan(120);
    }
    await expectEverySectionReachable(ana.page, `${width}×${height}`);
    if (width === 1024) {
      await ana.page.getByTestId(`outline-go-${matrix}`).click();
      await ana.page.getByTestId("side-column").evaluate((el) => el.scrollTo(0, 0));
      await ana.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
      await ana.page.screenshot({ path: path.join(screenshots, "panel-1024.png") });
    }
  }
  await ana.page.setViewportSize({ width: 1280, height: 800 });

  // ---- Folding: a click folds, the browser remembers it over a reload -----------------------
  const outlineFold = ana.page.getByTestId("fold-outline");
  await outlineFold.click();
  await expect(outlineFold).toHaveAttribute("aria-expanded", "false");
  await expect(ana.page.getByTestId("outline")).toBeHidden();
  // the dock's Pre-work block folds like every other group (issue 15: it was a fixed block)
  await openDock(ana.page);
  const preworkFold = ana.page.getByTestId("fold-fac-pre-work");
  await preworkFold.click();
  await expect(preworkFold).toHaveAttribute("aria-expanded", "false");
  await expect(ana.page.getByTestId("prework-open")).toBeHidden();
  await ana.page.reload();
  await expect(ana.page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  await expect(ana.page.getByTestId("fold-outline")).toHaveAttribute("aria-expanded", "false");
  await ana.page.getByTestId("fold-outline").press("Enter");
  await expect(ana.page.getByTestId("outline")).toBeVisible();
  await openDock(ana.page);
  await expect(ana.page.getByTestId("fold-fac-pre-work")).toHaveAttribute("aria-expanded", "false");
  await expect(ana.page.getByTestId("prework-open")).toBeHidden();
  await ana.page.getByTestId("fold-fac-pre-work").press("Enter");
  await expect(ana.page.getByTestId("prework-open")).toBeVisible();
  // and so does Groups
  await ana.page.getByTestId("fold-fac-groups").click();
  await expect(ana.page.getByTestId("group-floor")).toBeHidden();
  await ana.page.getByTestId("fold-fac-groups").click();
  await expect(ana.page.getByTestId("group-floor")).toBeVisible();
  // a dock group folds the same way
  await openDock(ana.page);
  await ana.page.getByTestId("fold-fac-dot-vote").click();
  await expect(ana.page.getByRole("button", { name: "Open vote" })).toBeHidden();
  await ana.page.getByTestId("fold-fac-dot-vote").click();
  await expect(ana.page.getByRole("button", { name: "Open vote" })).toBeVisible();

  // ---- Keyboard: Tab walks the column in reading order with a visible ring ------------------
  await expectKeyboardWalk(ana.page, ana.page.getByTestId("facilitate-toggle"), 24);

  // ---- axe on the board, as the facilitator and as a participant ----------------------------
  await expectNoSeriousA11yViolations(ana.page, "the board (facilitator)");
  await expectNoSeriousA11yViolations(ben.page, "the board (editor)");
  const vic = await people.join("Vic Vega", "#2f9e44");
  await open(vic.page, link(board, "viewer"));
  await expectNoSeriousA11yViolations(vic.page, "the board (viewer)");
});

test("presentation mode steps the room through the frames; an agenda step with a frame brings everyone there", async ({ people, request }) => {
  const { ana, ben } = await anaAndBenOn(people, request, "impact-effort", "Offsite presentation", open);
  const matrix = (await templates(ana.page))[0]!.frameId;
  const swot = await insert(ana.page, "swot");
  const themeMap = await insert(ana.page, "theme-map");
  await waitForTemplates(ben.page, 3);
  // The panels read the board at most every 150 ms (templates/boardViewSource.ts): Ana presents once
  // her outline lists all three frames, as a person would see it.
  await expect(ana.page.getByTestId("outline").locator("li")).toHaveCount(3);

  // ---- Present: both screens fit the first frame; panels and top bar step aside -------------
  await ana.page.getByTestId("present-start").click();
  for (const page of [ana.page, ben.page]) {
    await expect(page.getByTestId("presentation-bar")).toBeVisible();
    await expect(page.getByTestId("presentation-count")).toHaveText("1 of 3");
    await expect(page.getByTestId("side-column")).toBeHidden();
    await expectFitted(page, matrix);
  }
  await expect(ben.page.getByTestId("presentation-frame")).toHaveText("Impact / Effort");

  // arrow key → next frame on both screens; the button does the same
  await ana.page.keyboard.press("ArrowRight");
  await expect(ben.page.getByTestId("presentation-count")).toHaveText("2 of 3");
  await expectFitted(ben.page, swot);
  await expectFitted(ana.page, swot);
  await ana.page.getByTestId("present-next").click();
  await expectFitted(ben.page, themeMap);
  await expect(ana.page.getByTestId("present-next")).toBeDisabled();
  await ana.page.keyboard.press("ArrowLeft");
  await expectFitted(ben.page, swot);
  await ben.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await ben.page.screenshot({ path: path.join(screenshots, "presentation.png") });

  // Ben stops following: the next frame does not move him; "Follow again" does
  await ben.page.getByTestId("presentation-unfollow").click();
  await expect(ben.page.getByTestId("side-column")).toBeVisible();
  const benBefore = await ben.page.evaluate(() => window.__quadrantFacilitation?.viewport() ?? null);
  await ana.page.keyboard.press("ArrowRight");
  await expect(ben.page.getByTestId("presentation-count")).toHaveText("3 of 3");
  await expectFitted(ana.page, themeMap);
  expect(await ben.page.evaluate(() => window.__quadrantFacilitation?.viewport() ?? null)).toEqual(benBefore);
  await ben.page.getByTestId("presentation-follow").click();
  await expectFitted(ben.page, themeMap);

  // Esc ends it everywhere
  await ana.page.keyboard.press("Escape");
  for (const page of [ana.page, ben.page]) {
    await expect(page.getByTestId("presentation-bar")).toHaveCount(0);
    await expect(page.getByTestId("side-column")).toBeVisible();
  }

  // ---- Agenda steps that point at frames ----------------------------------------------------
  await openDock(ana.page);
  await ana.page.getByLabel("agenda").fill("Strengths first 5\nPrioritise 10");
  await ana.page.getByRole("button", { name: "Save agenda" }).click();
  await ana.page.getByTestId("agenda-frame-0").selectOption(swot);
  await ana.page.getByTestId("agenda-frame-1").selectOption(matrix);
  await expect.poll(() => ana.page.evaluate(() => window.__quadrantFacilitation?.view()?.agenda.steps.map((s) => s.focusFrameId))).toEqual([swot, matrix]);
  // Ben looks elsewhere; entering step 1 brings him (and Ana) to the SWOT, step 2 to the matrix
  await ben.page.getByTestId(`outline-go-${themeMap}`).click();
  await expectFitted(ben.page, themeMap);
  await ana.page.getByRole("button", { name: "Next step" }).click();
  await expect(ben.page.getByTestId("fac-current-step")).toHaveText("Strengths first");
  await expectFitted(ben.page, swot);
  await expectFitted(ana.page, swot);
  await ana.page.getByRole("button", { name: "Next step" }).click();
  await expectFitted(ben.page, matrix);
  // Saving the text again keeps each step's frame
  await ana.page.getByRole("button", { name: "Save agenda" }).click();
  await expect(ana.page.getByTestId("agenda-frame-0")).toHaveValue(swot);

  // Presenting now steps through the agenda's frames, with the step and timer in the bar
  await ana.page.getByTestId("present-start").click();
  await expect(ben.page.getByTestId("presentation-count")).toHaveText("1 of 2");
  await expect(ben.page.getByTestId("presentation-step")).toHaveText("Step 2: Prioritise");
  await expect(ben.page.getByTestId("presentation-bar").getByTestId("timer")).toBeVisible();
  await expectFitted(ben.page, swot);
  await ana.page.getByTestId("present-stop").click();
  await expect(ben.page.getByTestId("presentation-bar")).toHaveCount(0);
});

/** Where this page shows an element, in page pixels. */
async function screenRect(page: Page, id: string): Promise<Box> {
  const r = await sceneRect(page, id);
  const a = await toPage(page, r.x, r.y);
  const b = await toPage(page, r.x + r.width, r.y + r.height);
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

test("Excalidraw's style panel never covers the note a person selects: the view pans it clear, zoom kept", async ({ people, request }) => {
  const board = await createBoard(request, "impact-effort", "Style panel");
  const ana = await people.join("Ana Alvarez", "#e03131");
  await open(ana.page, link(board, "facilitator"));
  await waitForTemplates(ana.page, 1);
  const left = await quickNote(ana.page, "Left idea");
  const other = await quickNote(ana.page, "Other idea");

  // Where the style panel opens: select a note, read Excalidraw's own panel, deselect.
  const stylePanel = ana.page.locator(".App-menu__left");
  await clickNote(ana.page, other);
  await expect(stylePanel).toBeVisible();
  const panel = (await stylePanel.boundingBox())!;
  // (Escape keeps Excalidraw's selection: a click on empty canvas clears it)
  const canvas = (await ana.page.locator("canvas.interactive").boundingBox())!;
  await ana.page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 90);
  await expect(stylePanel).toHaveCount(0);

  // Ana scrolls (the wheel pans in Excalidraw) until "Left idea" sits under where the panel opens.
  const before = await screenRect(ana.page, left);
  await ana.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await ana.page.mouse.wheel(before.x + before.width / 2 - (panel.x + panel.width / 2), before.y + before.height / 2 - (panel.y + panel.height / 2));
  await expect.poll(async () => overlap(await screenRect(ana.page, left), panel), { message: "the note is under the panel's area" }).toBe(true);
  const zoom = await ana.page.evaluate(() => window.__quadrantFacilitation?.viewport()?.zoom ?? null);

  // She clicks it: the panel opens, and her view pans the note clear of it, zoom unchanged.
  await clickNote(ana.page, left);
  await expect(stylePanel).toBeVisible();
  await expect
    .poll(async () => overlap(await screenRect(ana.page, left), (await stylePanel.boundingBox())!), { message: "the note is clear of the style panel" })
    .toBe(false);
  expect(await ana.page.evaluate(() => window.__quadrantFacilitation?.viewport()?.zoom ?? null)).toBe(zoom);
  const shown = await screenRect(ana.page, left);
  const shownPanel = (await stylePanel.boundingBox())!;
  // just clear: beside the panel, not sent across the screen, and still in the view
  expect(shown.x).toBeGreaterThanOrEqual(shownPanel.x + shownPanel.width);
  expect(shown.x).toBeLessThan(shownPanel.x + shownPanel.width + 40);
  expect(shown.x + shown.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  // still selected: the pan did not cost her the selection
  expect(await ana.page.evaluate(() => window.__quadrantBoard?.selectedIds() ?? [])).toContain(left);
  await ana.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await ana.page.getByTestId("side-column").evaluate((el) => el.scrollTo(0, 0));
  await ana.page.locator(".board-body").screenshot({ path: path.join(screenshots, "style-panel-clear.png") });

  // A double click on the part of a note that sticks out from under the panel edits its label
  // (Excalidraw empties the selection while a label is edited; the panel stays): the note is brought
  // clear too, and the edit goes on. (A note wholly under the panel's area cannot be double-clicked:
  // the first press opens the panel over it and the second lands on the panel.)
  await ana.page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 90);
  await expect(stylePanel).toHaveCount(0);
  const otherAt = await screenRect(ana.page, other);
  await ana.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await ana.page.mouse.wheel(otherAt.x + otherAt.width / 2 - (panel.x + panel.width), 0);
  await expect.poll(async () => overlap(await screenRect(ana.page, other), panel), { message: "the other note straddles the panel's edge" }).toBe(true);
  const at = await screenRect(ana.page, other);
  expect(at.x + at.width).toBeGreaterThan(panel.x + panel.width + 12);
  await ana.page.mouse.dblclick(at.x + at.width - 6, at.y + at.height / 2);
  await expect(ana.page.locator("textarea.excalidraw-wysiwyg")).toBeVisible();
  await expect
    .poll(async () => overlap(await screenRect(ana.page, other), (await stylePanel.boundingBox())!), { message: "the note being edited is clear of the style panel" })
    .toBe(false);
  await ana.page.keyboard.press("Control+End"); // (Excalidraw selects the whole label on edit)
  await ana.page.keyboard.type(" too");
  await ana.page.keyboard.press("Escape");
  await expect.poll(async () => (await notes(ana.page)).find((n) => n.id === other)?.text).toBe("Other idea too");
});
