import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContextOptions, CDPSession, Page } from "@playwright/test";
import { expect, link, test } from "./fixtures";
import { createBoard, notes, toPage, waitForTemplates } from "./template-gestures";
import { openPatiently as open, sceneRect } from "./navigation-gestures";

/**
 * Issue #15, small screens and touch: a participant on a phone (and on a tablet) joins, adds a
 * note, drags it with a finger, votes and scores by tapping, while Ana facilitates from a laptop.
 * Touches are real touch events (Chromium's device emulation: isMobile, hasTouch); hooks only read.
 */

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

const DEVICES: Record<string, BrowserContextOptions> = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

/**
 * A finger pressed on `from`, moved to `to` in a few steps, lifted (Chromium touch events through CDP).
 * Few steps, like a finger that moves off at once: Chromium sends no touchmove while the finger stays
 * inside its touch slop (about 13 px here), and Excalidraw opens its context menu when no touchmove
 * has reached the canvas 500 ms after the press (see closeLongPressMenu). Twelve steps of 1–2 px took
 * longer than that on a loaded machine, so the menu opened in every run, half-way through the drag.
 */
async function touchDrag(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from.x, y: from.y }] });
  const steps = 4;
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** The middle of an element on this page, in page pixels. */
async function centreOnPage(page: Page, id: string): Promise<{ x: number; y: number }> {
  const r = await sceneRect(page, id);
  return toPage(page, r.x + r.width / 2, r.y + r.height / 2);
}

/**
 * Closes Excalidraw's touch context menu if one of our gestures opened it. Excalidraw opens it when
 * a finger rests on the canvas for 500 ms (TOUCH_CTX_MENU_TIMEOUT, started on pointerdown, cancelled
 * only by a touchmove reaching the canvas or by the finger lifting). The gestures here go through
 * CDP one message at a time, and on a loaded machine a tap's touchStart and touchEnd, or the finger
 * drag's first steps (Chromium holds back touchmoves that stay inside the touch slop), come more
 * than 500 ms apart: then the menu is open, over the canvas at the finger, and the next tap on the
 * note lands on one of its items instead (seen: the tap's target was a .context-menu-item). Which
 * item depends on where the note sits; Cut, Delete or Select all change the selection, the likely
 * story of the "tap that deselected the note" after the notes merge (that run is not reproducible).
 * Excalidraw's behaviour, not ours: a person meets the menu only by holding a finger still (or
 * moving it less than the slop) for half a second, sees it, and closes it by tapping elsewhere.
 */
async function closeLongPressMenu(page: Page): Promise<void> {
  const menu = page.locator(".context-menu");
  if ((await menu.count()) === 0) return;
  test.info().annotations.push({ type: "note", description: "a slow CDP gesture opened Excalidraw's long-press menu; closed with Escape" });
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
}

/**
 * Lets Excalidraw's double-tap window close before the next tap. Its `onTouchStart` counts a touch
 * as the second of a double tap (and opens the note's text editor) while a module flag set by the
 * previous touchstart is still up; a 300 ms timer (TAP_TWICE_TIMEOUT) takes it down. On a loaded
 * machine that timer can still be pending when the next CDP tap arrives seconds later (seen in CI:
 * the scoring tap opened the editor, so nothing was selected). A timer of the page's own that is
 * due later than that one runs after it, so once it fired the flag is down.
 */
async function afterDoubleTapWindow(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 350)));
}

const docRect = (page: Page, id: string) => page.evaluate((noteId) => window.__quadrantTemplates?.docRect(noteId) ?? null, id);

test.describe.configure({ timeout: 300_000 });

for (const [device, options] of Object.entries(DEVICES)) {
  test(`on a ${device}: join, add a note, drag it with a finger, vote and score by tapping`, async ({ people, request }) => {
    const board = await createBoard(request, "impact-effort", `Touch ${device}`);
    const ana = await people.join("Ana Alvarez", "#e03131");
    const pia = await people.join("Pia Park", "#7048e8", options);
    await open(ana.page, link(board, "facilitator"));
    await open(pia.page, link(board, "editor"));
    await waitForTemplates(pia.page, 1);

    // The tools sit beside (tablet) or under (phone) the canvas, never over it; the sheet folds away.
    const canvas = () => pia.page.getByTestId("board-canvas").boundingBox();
    const tools = () => pia.page.getByTestId("side-column").boundingBox();
    const [c, t] = [(await canvas())!, (await tools())!];
    const side = device === "phone" ? c.y + c.height <= t.y + 1 : c.x + c.width <= t.x + 1;
    expect(side, "the tools do not cover the canvas").toBe(true);
    if (device === "phone") {
      await pia.page.getByTestId("sheet-handle").tap();
      await expect(pia.page.getByTestId("side-panels")).toBeHidden();
      expect((await canvas())!.height).toBeGreaterThan(c.height + 150);
      await pia.page.getByTestId("sheet-handle").tap();
      await expect(pia.page.getByTestId("side-panels")).toBeVisible();
    }

    // ---- Add a note: tap the field, type, tap "Add note" --------------------------------------
    await pia.page.getByTestId("quick-note").tap();
    await pia.page.keyboard.type("Phone idea");
    await pia.page.getByTestId("quick-note-add").tap();
    let noteId = "";
    await expect.poll(async () => (noteId = (await notes(pia.page)).find((n) => n.text === "Phone idea")?.id ?? "")).not.toBe("");
    await expect.poll(async () => (await notes(ana.page)).some((n) => n.id === noteId)).toBe(true);

    // ---- Drag it with a finger: grab the sticky near its top edge (the middle is its text) -----
    const before = (await docRect(pia.page, noteId))!;
    const zoom = (await pia.page.evaluate(() => window.__quadrantFacilitation?.viewport()?.zoom ?? 1));
    const grab = await toPage(pia.page, before.x + before.width / 2, before.y + 12);
    const cdp = await pia.context.newCDPSession(pia.page);
    // up and to the left: deeper into Quick Wins, clear of the quadrant lines; far enough on screen
    // (30 px on the phone) to leave the touch slop, as a finger moving a note does
    const by = { x: -Math.round(150 * zoom), y: -Math.round(120 * zoom) };
    await touchDrag(cdp, grab, { x: grab.x + by.x, y: grab.y + by.y });
    await expect
      .poll(async () => {
        const r = await docRect(ana.page, noteId);
        return r ? Math.round(Math.hypot(r.x - before.x, r.y - before.y)) : 0;
      }, { message: "Ana's document has the note where Pia's finger put it" })
      .toBeGreaterThan(40);
    const after = (await docRect(ana.page, noteId))!;
    expect(after.x).toBeLessThan(before.x);
    expect(after.y).toBeLessThan(before.y);

    // ---- Vote by tapping the note ------------------------------------------------------------
    const anaToggle = ana.page.getByTestId("facilitate-toggle");
    if ((await anaToggle.getAttribute("aria-expanded")) !== "true") await anaToggle.click();
    await ana.page.keyboard.press("Escape");
    await ana.page.getByRole("button", { name: "Open vote" }).click();
    await expect.poll(() => pia.page.evaluate(() => window.__quadrantFacilitation?.view()?.vote?.status ?? null)).toBe("open");
    await closeLongPressMenu(pia.page);
    await afterDoubleTapWindow(pia.page);
    await pia.page.touchscreen.tap(...Object.values(await centreOnPage(pia.page, noteId)) as [number, number]);
    await expect.poll(() => pia.page.evaluate((id) => window.__quadrantFacilitation?.view()?.vote?.myBallot[id] ?? 0, noteId)).toBe(1);
    await ana.page.getByRole("button", { name: "Reveal votes" }).click();
    await expect.poll(() => ana.page.evaluate((id) => window.__quadrantFacilitation?.view()?.vote?.results?.find((r) => r.noteId === id)?.votes ?? 0, noteId)).toBe(1);
    await ana.page.getByRole("button", { name: "Clear", exact: true }).first().click();

    // ---- Score by tapping the note, then the sheet's fields ----------------------------------
    await ana.page.getByRole("button", { name: "Open scoring" }).click();
    await expect.poll(() => pia.page.evaluate(() => window.__quadrantFacilitation?.view()?.scoring?.status ?? null)).toBe("open");
    await closeLongPressMenu(pia.page);
    await afterDoubleTapWindow(pia.page);
    await pia.page.touchscreen.tap(...Object.values(await centreOnPage(pia.page, noteId)) as [number, number]);
    // the tap selects the note: "Score selected" scores what is selected
    await expect.poll(() => pia.page.evaluate(() => window.__quadrantBoard?.selectedIds() ?? [])).toEqual([noteId]);
    // On a small screen the session tools start folded; the dock says a round wants attention.
    const session = pia.page.getByTestId("facilitate-toggle");
    if ((await session.getAttribute("aria-expanded")) !== "true") await pia.page.getByRole("button", { name: "Scoring open: show the tools" }).tap();
    await expect(session).toHaveAttribute("aria-expanded", "true");
    const scoring = pia.page.getByTestId("participant-tools");
    const impact = scoring.getByLabel("impact", { exact: true });
    await impact.tap();
    await impact.fill("8");
    await scoring.getByLabel("effort", { exact: true }).fill("3");
    await pia.page.getByTestId("score-selected").tap();
    await expect
      .poll(() => pia.page.evaluate((id) => window.__quadrantFacilitation?.view()?.scoring?.mine[id] ?? null, noteId))
      .toEqual({ impact: 8, effort: 3 });

    if (device === "phone") {
      await pia.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
      await pia.page.getByTestId("side-column").evaluate((el) => el.scrollTo(0, 0));
      await pia.page.screenshot({ path: path.join(screenshots, "phone.png") });
    }
  });
}
