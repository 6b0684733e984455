import path from "node:path";
import { fileURLToPath } from "node:url";
import { drawRectangle, expect, test } from "./fixtures";
import { anaAndBenOn, notes, quickNote, templates } from "./template-gestures";
import { type Box, expectFitted, insert, openPatiently, overlap, sceneRect, shownIds } from "./navigation-gestures";

/**
 * Issue #15, getting around a big board: templates inserted into free space and framed for the
 * inserter, quick notes that place themselves, the outline. Ana facilitates, Ben edits; every
 * action is a click or a key, the test hooks only read.
 */

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

// Many steps across two browsers; on the shared 2-core machine (load ~30) one run took over a minute.
test.describe.configure({ timeout: 300_000 });

test("templates go to free space and are framed; quick notes place themselves; the outline jumps and brings everyone", async ({ people, request }) => {
  const { ana, ben } = await anaAndBenOn(people, request, "impact-effort", "Offsite navigation", openPatiently);
  const matrix = (await templates(ana.page))[0]!.frameId;

  // Content besides the matrix: a rectangle Ana draws right of the middle of her view.
  const canvas = await ana.page.locator("canvas.interactive").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await drawRectangle(ana.page, canvas.width / 2 + 60, canvas.height / 2 - 40, 160, 120);
  await expect.poll(async () => (await ana.page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? [])).some((e) => e.type === "rectangle" && !e.locked)).toBe(true);

  // ---- Fit on insert: two templates with the view on existing content ------------------------
  const inserted: string[] = [];
  for (const kind of ["swot", "theme-map"]) {
    const existing = await shownIds(ana.page);
    const frameId = await insert(ana.page, kind);
    inserted.push(frameId);
    const frame = await sceneRect(ana.page, frameId);
    for (const id of existing) expect(overlap(frame, await sceneRect(ana.page, id)), `${kind} over ${id}`).toBe(false);
    await expectFitted(ana.page, frameId);
  }
  const [swot, themeMap] = inserted as [string, string];

  // ---- Notes that place themselves: 12 quick notes with the view on the matrix's centre -------
  await ana.page.getByTestId(`outline-go-${matrix}`).click();
  await expectFitted(ana.page, matrix);
  const ids: string[] = [];
  for (let i = 1; i <= 12; i++) ids.push(await quickNote(ana.page, `Idea ${i}`));
  const m = await sceneRect(ana.page, matrix);
  const borders: Box[] = [
    { x: m.x + m.width / 2, y: m.y, width: 0, height: m.height },
    { x: m.x, y: m.y + m.height / 2, width: m.width, height: 0 },
    { x: m.x, y: m.y, width: 0, height: m.height },
    { x: m.x + m.width, y: m.y, width: 0, height: m.height },
    { x: m.x, y: m.y, width: m.width, height: 0 },
    { x: m.x, y: m.y + m.height, width: m.width, height: 0 },
  ];
  const rects = await Promise.all(ids.map((id) => sceneRect(ana.page, id)));
  for (const [i, a] of rects.entries()) {
    for (const b of rects.slice(i + 1)) expect(overlap(a, b), `Idea ${i + 1} overlaps another note`).toBe(false);
    for (const line of borders) expect(overlap(a, line), `Idea ${i + 1} is on a border`).toBe(false);
  }
  // placed near where Ana looked: in the matrix, each in one quadrant
  const placed = (await notes(ana.page)).filter((n) => ids.includes(n.id));
  expect(placed.every((n) => n.zoneName !== null)).toBe(true);
  expect(new Set(placed.map((n) => n.zoneName)).size).toBe(4);

  // ---- Outline: every frame listed; a click frames it ------------------------------------------
  const outline = ana.page.getByTestId("outline");
  await expect(outline.locator("li")).toHaveCount(3);
  await expect(ana.page.getByTestId(`outline-item-${matrix}`)).toContainText("12 notes");
  await expect(ana.page.getByTestId(`outline-item-${swot}`)).toContainText("SWOT");
  for (const frameId of [swot, themeMap, matrix]) {
    await ana.page.getByTestId(`outline-go-${frameId}`).click();
    await expectFitted(ana.page, frameId);
  }
  // Ben (an editor) sees the outline too, without the facilitator's button, and it frames for him
  await ben.page.getByTestId(`outline-go-${themeMap}`).click();
  await expectFitted(ben.page, themeMap);
  await expect(ben.page.getByTestId(`outline-summon-${swot}`)).toHaveCount(0);

  // Shift+O from the canvas focuses the outline
  await ana.page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 90);
  await ana.page.keyboard.press("Shift+O");
  await expect(outline).toBeFocused();

  // ---- "Bring everyone" sends Ben to the SWOT, framed ---------------------------------------
  const s = await sceneRect(ben.page, swot);
  const benCentre = () => ben.page.evaluate(() => window.__quadrantFacilitation?.viewport() ?? null);
  // (the fit keeps Excalidraw's style-panel strip free on the left, so the frame sits a little right
  // of the view's centre: "there" means the view's centre is inside the frame)
  const inSwot = (v: { x: number; y: number } | null) => v !== null && v.x > s.x && v.x < s.x + s.width && v.y > s.y && v.y < s.y + s.height;
  expect(inSwot(await benCentre())).toBe(false);
  await ana.page.getByTestId(`outline-summon-${swot}`).click();
  await expect.poll(async () => inSwot(await benCentre())).toBe(true);
  await expectFitted(ben.page, swot);
  // and Ana's outline shows who is in the SWOT now
  await expect(ana.page.getByTestId(`outline-here-${swot}`)).toContainText("Ben Brooks");

  // The README's picture: the outline as the facilitator sees it.
  const section = ana.page.locator("section.side-panel", { has: outline });
  await section.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await ana.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await section.screenshot({ path: path.join(screenshots, "outline.png") });
});
