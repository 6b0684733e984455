import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { templates, toPage } from "./template-gestures";

/** Getting around a big board (issue #15): what navigation.spec.ts and layout.spec.ts check and do. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Where this page's canvas shows an element, in scene coordinates. */
export async function sceneRect(page: Page, id: string): Promise<Box> {
  const r = await page.evaluate((el) => window.__quadrantTemplates?.sceneRect(el) ?? null, id);
  if (!r) throw new Error(`${id} is not on the canvas`);
  return r;
}

/** Ids of everything on this page's canvas. */
export const shownIds = async (page: Page) => (await page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? [])).map((e) => e.id);

/**
 * The frame is framed in this person's view: all four corners on the canvas, and big
 * (at least half the canvas wide or tall), not a fragment at 100 % nor a speck at 10 %.
 */
export async function expectFitted(page: Page, frameId: string): Promise<void> {
  const canvas = await page.locator("canvas.interactive").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await expect(async () => {
    const r = await sceneRect(page, frameId);
    const topLeft = await toPage(page, r.x, r.y);
    const bottomRight = await toPage(page, r.x + r.width, r.y + r.height);
    expect(topLeft.x).toBeGreaterThanOrEqual(canvas.x);
    expect(topLeft.y).toBeGreaterThanOrEqual(canvas.y);
    expect(bottomRight.x).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(bottomRight.y).toBeLessThanOrEqual(canvas.y + canvas.height);
    const share = Math.max((bottomRight.x - topLeft.x) / canvas.width, (bottomRight.y - topLeft.y) / canvas.height);
    expect(share).toBeGreaterThan(0.5);
  }).toPass({ timeout: 5_000 });
}

export async function insert(page: Page, kind: string): Promise<string> {
  const before = new Set((await templates(page)).map((t) => t.frameId));
  await page.getByLabel("template kind").selectOption(kind);
  await page.getByRole("button", { name: "Insert here" }).click();
  let frameId = "";
  await expect
    .poll(async () => {
      frameId = (await templates(page)).find((t) => !before.has(t.frameId))?.frameId ?? "";
      return frameId;
    })
    .not.toBe("");
  return frameId;
}

/**
 * Opens a board link like fixtures' openBoard, with room for a slow first load: these specs ran on
 * a shared 2-core machine (load average ~30) where parsing Excalidraw's 2.5 MB bundle alone took
 * about 10 s (measured: goto 4 s, Excalidraw shown 10 s later, bound 1 s after that). Nothing is
 * timed; the wait only bounds a hang.
 */
export async function openPatiently(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true", { timeout: 60_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
}
