import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { type CreatedBoard, type Person, expect, link, newContext, sceneElements, test } from "./fixtures";
import { createBoard, notes, quickNote, waitForTemplates } from "./template-gestures";

/**
 * Pre-work (issue 18): the facilitator opens an asynchronous scoring round on matrix notes;
 * two participants do it on the pre-work page before the session (one on a phone); the
 * facilitator sees who finished and never what; at the session the reveal puts the results on
 * every board. Then a late answer is refused by the server.
 */

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");
const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Selecting is the setup, not the action under test: the same hook the facilitation spec uses. */
async function select(page: Page, ids: string[]) {
  await page.evaluate((list) => window.__quadrantFacilitation?.select(list), ids);
}

/** Every websocket text/binary frame a page receives, as text, for "did this ever arrive" checks. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", (frame) => frames.push(typeof frame.payload === "string" ? frame.payload : frame.payload.toString("latin1"))));
  return frames;
}

/**
 * openBoard (fixtures.ts) with more patience: this spec runs four browsers, and on the shared
 * 2-core machine (load ~20) Excalidraw's start-up alone has taken more than the default 10 s.
 */
async function openBoard(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true", { timeout: 40_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected", { timeout: 20_000 });
}

/** Ana, on the browser that created the board: it knows the participants' links (as after the landing page's Create). */
async function facilitatorOf(people: { join(name: string, color?: string): Promise<Person> }, board: CreatedBoard, template: string): Promise<Person> {
  const ana = await people.join("Ana Alvarez", "#e03131");
  await ana.context.addInitScript(
    ([created, kind]) => {
      const remembered = { ...created, template: kind, role: "facilitator", token: created.tokens.facilitator, openedAt: 1 };
      if (!localStorage.getItem("quadrant.boards.v1")) localStorage.setItem("quadrant.boards.v1", JSON.stringify([remembered]));
    },
    [board, template] as const,
  );
  return ana;
}

async function phoneOf(browser: Browser, baseURL: string | undefined, foreign: string[], name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, new URL(baseURL ?? "").origin, foreign, PHONE);
  await context.addInitScript((n) => localStorage.setItem("quadrant.identity.v1", JSON.stringify({ name: n, color: "#2f9e44" })), name);
  return { context, page: await context.newPage() };
}

async function score(page: Page, item: number, impact: string, effort: string) {
  await page.getByTestId(`prework-impact-${item}`).fill(impact);
  await page.getByTestId(`prework-effort-${item}`).fill(effort);
}

test("pre-work scoring done before the session is revealed into the live round; a late answer is refused", async ({ people, request, browser, baseURL, foreignRequests }) => {
  // A whole before-and-during story with four browsers, and a real deadline to pass.
  test.setTimeout(240_000);
  const board = await createBoard(request, "impact-effort", "Q3 initiatives");
  const ana = await facilitatorOf(people, board, "impact-effort");
  const anaFrames = recordFrames(ana.page);
  await openBoard(ana.page, link(board, "facilitator"));
  await waitForTemplates(ana.page, 1);
  const pricing = await quickNote(ana.page, "Self-serve pricing");
  const sso = await quickNote(ana.page, "SSO for enterprise");

  // The facilitator opens a scoring pre-work on the two matrix notes, due in two days.
  await select(ana.page, [pricing, sso]);
  const tools = ana.page.getByTestId("prework-tools");
  await expect(tools).toBeVisible();
  await tools.getByTestId("prework-duration").fill("2");
  await tools.getByTestId("prework-unit").selectOption("days");
  await tools.getByTestId("prework-instruction-input").fill("Score these before Thursday's session: impact for customers, effort for us.");
  await tools.getByTestId("prework-open").click();
  await expect(tools.getByTestId("prework-status")).toContainText("2 items");
  await expect(tools.getByTestId("prework-finished")).toHaveText("Nobody has finished yet.");
  const preworkUrl = await tools.getByTestId("prework-link").inputValue();
  expect(preworkUrl).toContain(`/b/${board.id}/prework#t=${board.tokens.editor}`);

  // Ben on a laptop, before the session.
  const ben = await people.join("Ben Brooks", "#1971c2");
  await ben.page.goto(preworkUrl);
  await expect(ben.page.getByTestId("prework-instruction")).toHaveText("Score these before Thursday's session: impact for customers, effort for us.");
  await expect(ben.page.getByTestId("prework-countdown")).toHaveText(/^[12] d \d+ h$/);
  await expect(ben.page.getByTestId("prework-item-0")).toContainText("Self-serve pricing");
  await expect(ben.page.getByTestId("prework-item-1")).toContainText("SSO for enterprise");
  await score(ben.page, 0, "9", "2");
  await score(ben.page, 1, "6", "7");
  await expect(ben.page.getByTestId("prework-progress")).toContainText("2 of 2 scored");
  await ben.page.getByTestId("prework-submit").click();
  await expect(ben.page.getByTestId("prework-submitted")).toContainText("Submitted");

  // Cleo on a phone: taps, and changes her mind once before the deadline.
  const { context: phone, page: cleo } = await phoneOf(browser, baseURL, foreignRequests, "Cleo Chen");
  await cleo.goto(preworkUrl);
  await expect(cleo.getByTestId("prework-item-1")).toContainText("SSO for enterprise");
  await score(cleo, 0, "3", "2");
  await cleo.getByTestId("prework-submit").tap();
  await expect(cleo.getByTestId("prework-submitted")).toBeVisible();
  await score(cleo, 1, "4", "7");
  await expect(cleo.getByTestId("prework-submit")).toHaveText("Update my answers");
  await cleo.getByTestId("prework-submit").tap();
  await expect(cleo.getByTestId("prework-submitted")).toBeVisible();
  // Reloaded, the page shows her own answer back (and only hers).
  await cleo.reload();
  await expect(cleo.getByTestId("prework-impact-1")).toHaveValue("4");
  await expect(cleo.getByTestId("prework-impact-0")).toHaveValue("3");
  // Nothing overflows the phone's width.
  expect(await cleo.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await cleo.screenshot({ path: path.join(screenshots, "prework-page.png") });

  // The facilitator sees who finished, by name; never a score.
  await expect(tools.getByTestId("prework-finished-count")).toHaveText("2 finished");
  await expect(tools.getByTestId("prework-finished")).toHaveText("Finished: Ben Brooks, Cleo Chen");
  await select(ana.page, []);
  await tools.scrollIntoViewIfNeeded();
  await ana.page.screenshot({ path: path.join(screenshots, "prework-facilitator.png") });
  expect(anaFrames.length).toBeGreaterThan(0);
  expect(anaFrames.some((f) => f.includes('"impact"'))).toBe(false);

  // The live session: Ben joins the board, the facilitator reveals, everyone sees the round's results.
  await openBoard(ben.page, link(board, "editor"));
  await expect(ben.page.getByTestId("prework-invite")).toContainText("You did the pre-work");
  await tools.getByTestId("prework-reveal").click();
  for (const page of [ana.page, ben.page]) {
    const results = page.getByTestId("scoring-results");
    await expect(results.locator(`li[data-note="${pricing}"]`)).toContainText("impact 6 ±3, effort 2 ±0");
    await expect(results.locator(`li[data-note="${pricing}"]`)).toHaveAttribute("data-discuss", "true");
    await expect(results.locator(`li[data-note="${sso}"]`)).toContainText("impact 5 ±1, effort 7 ±0");
  }
  await expect(tools.getByTestId("prework-revealed-note")).toContainText("Ben Brooks, Cleo Chen");
  await cleo.reload();
  await expect(cleo.getByTestId("prework-revealed")).toBeVisible();

  // A late answer: a short dot-vote pre-work whose deadline passes while Ben's page is open.
  // Ben's page clock stands still (a laptop woken from sleep, a wrong clock): the page still
  // offers Submit, and the server is what refuses.
  await select(ana.page, [pricing, sso]);
  await tools.getByTestId("prework-clear").click();
  await tools.getByTestId("prework-kind-select").selectOption("vote");
  await tools.getByTestId("prework-unit").selectOption("minutes");
  await tools.getByTestId("prework-duration").fill("0.2");
  await tools.getByTestId("prework-open").click();
  await expect(tools.getByTestId("prework-status")).toContainText("Dot vote");
  await ben.page.clock.setFixedTime(new Date());
  await ben.page.goto(preworkUrl);
  await expect(ben.page.getByTestId("prework-kind")).toHaveText("Dot vote");
  await ben.page.getByTestId("prework-more-1").click();
  await expect(ben.page.getByTestId("prework-votes-1")).toHaveText("1");
  // Wait for the deadline on the facilitator's panel (its countdown reaches "closed"), not a fixed sleep.
  await expect(tools.getByTestId("prework-status")).toContainText("closed", { timeout: 20_000 });
  await ben.page.getByTestId("prework-submit").click();
  await expect(ben.page.getByTestId("prework-refused")).toHaveText(/^Pre-work closed at \d{4}-\d\d-\d\d \d\d:\d\d UTC; ask the facilitator to extend it$/);
  await expect(ben.page.getByTestId("prework-deadline")).toContainText("Closed at");
  await expect(ben.page.getByTestId("prework-submit")).toBeDisabled();
  await ben.page.screenshot({ path: path.join(artifacts, "prework-refused.png") });
  await expect(tools.getByTestId("prework-finished")).toHaveText("Nobody has finished yet.");

  // Extended by the facilitator: the same answer goes through.
  await tools.getByTestId("prework-extend-hour").click();
  await ben.page.clock.setFixedTime(new Date());
  await ben.page.reload();
  await ben.page.getByTestId("prework-more-1").click();
  await ben.page.getByTestId("prework-submit").click();
  await expect(ben.page.getByTestId("prework-submitted")).toBeVisible();
  await expect(tools.getByTestId("prework-finished")).toHaveText(/^Finished: Ben Brooks$/);
  await phone.close();
});

test("brainstorm pre-work written on a phone lands in a Pre-work frame on the board at the reveal", async ({ people, request, browser, baseURL, foreignRequests }) => {
  test.setTimeout(180_000);
  const board = await createBoard(request, "impact-effort", "Offsite ideas");
  const ana = await facilitatorOf(people, board, "impact-effort");
  await openBoard(ana.page, link(board, "facilitator"));
  await waitForTemplates(ana.page, 1);
  const tools = ana.page.getByTestId("prework-tools");
  await tools.getByTestId("prework-kind-select").selectOption("brainstorm");
  await tools.getByTestId("prework-instruction-input").fill("One idea per note: how do we grow self-serve revenue?");
  await tools.getByTestId("prework-open").click();
  await expect(tools.getByTestId("prework-status")).toContainText("Brainstorm");
  const preworkUrl = await tools.getByTestId("prework-link").inputValue();

  const { context: phone, page: dana } = await phoneOf(browser, baseURL, foreignRequests, "Dana Diaz");
  await dana.goto(preworkUrl);
  await dana.getByTestId("prework-note-input").fill("Partner channel");
  await dana.getByTestId("prework-add-note").tap();
  await dana.getByTestId("prework-note-input").fill("Churn interviews");
  await dana.getByTestId("prework-submit").tap();
  await expect(dana.getByTestId("prework-submitted")).toBeVisible();
  await expect(dana.getByTestId("prework-notes")).toContainText("Churn interviews");
  await dana.screenshot({ path: path.join(artifacts, "prework-brainstorm-phone.png") });
  await expect(tools.getByTestId("prework-finished")).toHaveText("Finished: Dana Diaz");
  // Before the reveal the facilitator's canvas has none of it.
  expect(JSON.stringify(await sceneElements(ana.page))).not.toContain("Partner channel");

  await tools.getByTestId("prework-reveal").click();
  // On the canvas: a second frame (the Pre-work area beside the matrix) and both notes, side by side.
  await expect.poll(async () => (await sceneElements(ana.page)).filter((e) => e.type === "frame").length).toBe(2);
  await expect.poll(async () => (await notes(ana.page)).map((n) => n.text).sort()).toEqual(["Churn interviews", "Partner channel"]);
  const placed = await Promise.all(
    (await notes(ana.page)).map((n) => ana.page.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, n.id)),
  );
  const [a, b] = placed;
  if (!a || !b) throw new Error("revealed notes are not in the document");
  expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
  // One click takes the room to the notes (the spotlight), ready to cluster.
  await tools.getByTestId("prework-spotlight").click();
  await expect(ana.page.getByText("Spotlight on a frame")).toBeVisible();
  await ana.page.screenshot({ path: path.join(artifacts, "prework-brainstorm-revealed.png") });
  await phone.close();
});
