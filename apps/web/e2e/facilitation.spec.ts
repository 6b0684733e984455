import type { Page } from "@playwright/test";
import { drawRectangle, expect, link, openBoard, sceneElements, test, type CreatedBoard, type Person } from "./fixtures";
import { clickNote } from "./template-gestures";

/**
 * Facilitation with three browsers: a facilitator and two participants
 * (issue #5). Selections are made through the page's test hook; everything
 * else through the UI.
 */

type People = { join(name: string): Promise<Person> };

async function room(people: People, board: CreatedBoard, beforeOpen: (p2: Page) => void = () => undefined) {
  const fac = await people.join("Fran Facilitator");
  const p1 = await people.join("Pat One");
  const p2 = await people.join("Sam Two");
  beforeOpen(p2.page);
  await openBoard(fac.page, link(board, "facilitator"));
  await openBoard(p1.page, link(board, "editor"));
  await openBoard(p2.page, link(board, "editor"));
  for (const person of [fac, p1, p2]) await expect(person.page.getByTestId("facilitation")).toBeVisible();
  return { fac: fac.page, p1: p1.page, p2: p2.page };
}

async function select(page: Page, ids: string[]) {
  await page.evaluate((list) => window.__quadrantFacilitation?.select(list), ids);
}

/** Draws `count` notes on the facilitator's canvas and waits until both participants have them. */
async function drawNotes(fac: Page, others: Page[], count: number): Promise<string[]> {
  for (let i = 0; i < count; i++) await drawRectangle(fac, 420 + i * 130, 120, 100, 70);
  const ids = (await sceneElements(fac)).filter((e) => e.type === "rectangle").map((e) => e.id);
  expect(ids).toHaveLength(count);
  for (const page of others) {
    await expect.poll(async () => (await sceneElements(page)).filter((e) => ids.includes(e.id)).length).toBe(count);
  }
  await select(fac, []);
  return ids;
}

const seconds = async (page: Page) => {
  const text = (await page.getByTestId("timer").textContent()) ?? "";
  const [m, s] = text.split(":").map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};

test("the timer shows the same remaining time everywhere, even with a clock ten minutes off", async ({ people, board }) => {
  const fac = await people.join("Fran Facilitator");
  const p1 = await people.join("Pat One");
  const skewed = await people.join("Sam Skewed");
  // This browser's clock runs ten minutes ahead of the server's.
  await skewed.context.addInitScript(() => {
    const RealDate = Date;
    const offset = 10 * 60_000;
    class ShiftedDate extends RealDate {
      constructor(...args: ConstructorParameters<typeof Date> | []) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as ConstructorParameters<typeof Date>));
      }
      static override now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = ShiftedDate as DateConstructor;
  });
  await openBoard(fac.page, link(board, "facilitator"));
  await openBoard(p1.page, link(board, "editor"));
  await openBoard(skewed.page, link(board, "editor"));
  expect(await skewed.page.evaluate(() => Date.now() - performance.timeOrigin - performance.now())).toBeGreaterThan(9 * 60_000);

  await fac.page.getByLabel("timer minutes").fill("8");
  await fac.page.getByRole("button", { name: "Set", exact: true }).click();
  await expect(p1.page.getByTestId("timer")).toHaveText("8:00");
  await fac.page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(skewed.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  await fac.page.waitForTimeout(1500);
  const values = [await seconds(fac.page), await seconds(p1.page), await seconds(skewed.page)];
  expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  expect(Math.min(...values)).toBeGreaterThan(7 * 60);
  await expect(skewed.page.getByTestId("timer")).toHaveAttribute("data-expired", "false");

  // Pause: all three freeze on one value.
  await fac.page.getByRole("button", { name: "Pause" }).click();
  const paused = await fac.page.getByTestId("timer").textContent();
  await expect(p1.page.getByTestId("timer")).toHaveText(paused ?? "");
  await expect(skewed.page.getByTestId("timer")).toHaveText(paused ?? "");
});

test("a dot vote with a limit of 3, hidden until the reveal", async ({ people, board }) => {
  const { fac, p1, p2 } = await room(people, board);
  const notes = await drawNotes(fac, [p1, p2], 4);
  const [a, b, c, d] = notes as [string, string, string, string];

  // A note that happens to be selected when the vote opens gets no dot (issue #12, defect 2).
  await select(p1, [a]);
  await fac.getByLabel("votes per person").fill("3");
  await fac.getByLabel("stacking").uncheck();
  await fac.getByRole("button", { name: "Open vote" }).click();
  await expect(p1.getByTestId("votes-left")).toHaveText("3 votes left");
  await p1.waitForTimeout(500);
  await expect(p1.getByTestId("votes-left")).toHaveText("3 votes left");
  await select(p1, []);

  // Clicking a note casts a dot while the vote is open.
  for (const [i, id] of [a, b, c].entries()) {
    await clickNote(p1, id);
    await expect(p1.getByTestId("votes-left")).toHaveText(`${2 - i} votes left`);
  }
  await expect(p1.getByTestId("vote-selected")).toBeDisabled();
  await clickNote(p1, d); // a fourth dot: refused by the server
  await expect(p1.getByTestId("fac-refusal")).toContainText("all 3 votes");
  await clickNote(p2, a);
  await expect(p2.getByTestId("votes-left")).toHaveText("2 votes left");
  await clickNote(p2, a); // stacking is off: refused by the server
  await expect(p2.getByTestId("fac-refusal")).toContainText("stacking");
  await expect(p2.getByTestId("votes-left")).toHaveText("2 votes left");
  await expect(fac.getByTestId("fac-voters")).toHaveText("2 voted");
  // Nobody sees results before the reveal.
  await expect(p2.getByTestId("vote-results")).toHaveCount(0);
  await expect(fac.getByTestId("vote-results")).toHaveCount(0);

  await fac.getByRole("button", { name: "Reveal votes" }).click();
  for (const page of [fac, p1, p2]) {
    const first = page.getByTestId("vote-results").locator("li").first();
    await expect(first).toHaveAttribute("data-note", a);
    await expect(first).toHaveAttribute("data-votes", "2");
    await expect(page.getByTestId("vote-results").locator("li")).toHaveCount(3);
  }
});

test("a private brainstorm stays in its author's browser until the reveal", async ({ people, board }) => {
  const received: string[] = [];
  // Every frame p2's browser receives, from its first socket on.
  const { fac, p1, p2 } = await room(people, board, (page) =>
    page.on("websocket", (ws) =>
      ws.on("framereceived", (frame) =>
        received.push(typeof frame.payload === "string" ? frame.payload : frame.payload.toString("latin1")),
      ),
    ),
  );

  await fac.getByRole("button", { name: "Start private brainstorm" }).click();
  await expect(p1.getByTestId("private-banner")).toBeVisible();
  await expect(p2.getByTestId("private-banner")).toBeVisible();
  await drawRectangle(p1, 450, 150, 120, 80);
  const mine = (await sceneElements(p1)).filter((e) => e.type === "rectangle");
  expect(mine).toHaveLength(1);
  const secretId = mine[0]!.id;
  await expect(fac.getByTestId("fac-held")).toHaveText("1 hidden note");
  await p1.waitForTimeout(500);
  expect((await sceneElements(p2)).map((e) => e.id)).not.toContain(secretId);
  expect((await sceneElements(fac)).map((e) => e.id)).not.toContain(secretId);
  expect(await p2.evaluate(() => window.__quadrantBoard?.docElementCount())).toBe(0);
  expect(received.some((payload) => payload.includes(secretId))).toBe(false);

  await fac.getByRole("button", { name: "Reveal notes" }).click();
  for (const page of [fac, p2]) {
    await expect.poll(async () => (await sceneElements(page)).map((e) => e.id)).toContain(secretId);
  }
  await expect(p1.getByTestId("private-banner")).toHaveCount(0);
  expect(received.some((payload) => payload.includes(secretId))).toBe(true);
});

test("independent scoring flags the note two participants disagree on", async ({ people, board }) => {
  const { fac, p1, p2 } = await room(people, board);
  const [note] = await drawNotes(fac, [p1, p2], 1);
  await fac.getByRole("button", { name: "Open scoring" }).click();
  for (const [page, impact, effort] of [[p1, "9", "2"], [p2, "2", "9"]] as const) {
    await expect(page.getByTestId("score-selected")).toBeVisible();
    await select(page, [note!]);
    await page.getByLabel("impact", { exact: true }).fill(impact);
    await page.getByLabel("effort", { exact: true }).fill(effort);
    await page.getByTestId("score-selected").click();
    await expect(page.getByTestId("my-scores")).toHaveText("1 scored");
  }
  await expect(p1.getByTestId("scoring-results")).toHaveCount(0);
  await fac.getByRole("button", { name: "Reveal scores" }).click();
  for (const page of [fac, p1, p2]) {
    const row = page.getByTestId("scoring-results").locator(`li[data-note="${note}"]`);
    await expect(row).toHaveAttribute("data-discuss", "true");
    await expect(row).toContainText("impact 5.5 ±3.5");
  }
});

test("bring everyone here moves both participants' viewports to the facilitator's", async ({ people, board }) => {
  const { fac, p1, p2 } = await room(people, board);
  const canvas = fac.locator("canvas.interactive");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no canvas");
  await fac.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await fac.mouse.wheel(1800, 1400);
  const target = await fac.evaluate(() => window.__quadrantFacilitation?.viewport());
  expect(target).toBeTruthy();
  const before = await p1.evaluate(() => window.__quadrantFacilitation?.viewport());
  expect(Math.abs((before?.x ?? 0) - (target?.x ?? 0))).toBeGreaterThan(100);
  await fac.getByTestId("bring-everyone").click();
  for (const page of [p1, p2]) {
    await expect
      .poll(async () => {
        const v = await page.evaluate(() => window.__quadrantFacilitation?.viewport());
        return v ? Math.abs(v.x - target!.x) + Math.abs(v.y - target!.y) : Infinity;
      })
      .toBeLessThan(2);
  }
});

test("an agenda runs brainstorm → cluster → vote, with the ready check and a board lock", async ({ people, board }) => {
  const { fac, p1, p2 } = await room(people, board);
  await fac.getByLabel("agenda").fill("Brainstorm 10 private\nCluster 15 reveal\nVote 5 vote3");
  await fac.getByRole("button", { name: "Save agenda" }).click();
  await fac.getByRole("button", { name: "Next step" }).click();
  for (const page of [p1, p2]) {
    await expect(page.getByTestId("fac-current-step")).toHaveText("Brainstorm");
    await expect(page.getByTestId("private-banner")).toBeVisible();
    await expect(page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  }
  await drawRectangle(p1, 450, 150, 120, 80);
  await expect(fac.getByTestId("fac-held")).toHaveText("1 hidden note");

  await p1.getByTestId("ready-button").click();
  await expect(fac.getByTestId("fac-ready")).toHaveText("1 done: Pat One");
  await expect(p2.getByTestId("fac-ready")).toHaveCount(0);

  await fac.getByRole("button", { name: "Next step" }).click();
  await expect(p2.getByTestId("fac-current-step")).toHaveText("Cluster");
  await expect(p2.getByTestId("private-banner")).toHaveCount(0);
  await expect.poll(async () => (await sceneElements(p2)).filter((e) => e.type === "rectangle").length).toBe(1);
  // A new step restarts the ready check.
  await expect(fac.getByTestId("fac-ready")).toHaveText("0 done");

  await fac.getByRole("button", { name: "Next step" }).click();
  await expect(p1.getByTestId("votes-left")).toHaveText("3 votes left");

  // Lock: editors' canvases become read-only (and the server drops their edits).
  // The checkboxes show the server's state: click, then wait for the view to come back.
  await fac.getByLabel("lock board").click();
  await expect(fac.getByLabel("lock board")).toBeChecked();
  await expect(p2.getByTestId("lock-banner")).toBeVisible();
  await expect(p2.getByTestId("toolbar-rectangle")).toHaveCount(0);
  await fac.getByLabel("lock board").click();
  await expect(fac.getByLabel("lock board")).not.toBeChecked();
  await expect(p2.getByTestId("lock-banner")).toHaveCount(0);
});

test("follow me keeps participants on the facilitator's view until they move away", async ({ people, board }) => {
  const { fac, p1, p2 } = await room(people, board);
  const box = await fac.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  const distanceTo = async (page: Page) => {
    const target = await fac.evaluate(() => window.__quadrantFacilitation?.viewport());
    const v = await page.evaluate(() => window.__quadrantFacilitation?.viewport());
    return target && v ? Math.abs(v.x - target.x) + Math.abs(v.y - target.y) : Infinity;
  };
  await fac.getByLabel("follow me").click();
  await expect(fac.getByLabel("follow me")).toBeChecked();
  await fac.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await fac.mouse.wheel(900, 600);
  for (const page of [p1, p2]) await expect.poll(() => distanceTo(page)).toBeLessThan(2);

  // p2 scrolls away: it stops following; p1 keeps following.
  const p2box = await p2.locator("canvas.interactive").boundingBox();
  if (!p2box) throw new Error("no canvas");
  await p2.mouse.move(p2box.x + p2box.width / 2, p2box.y + p2box.height / 2);
  await p2.mouse.wheel(-2000, 0);
  await fac.mouse.wheel(700, -400);
  await expect.poll(() => distanceTo(p1)).toBeLessThan(2);
  await fac.waitForTimeout(800);
  expect(await distanceTo(p2)).toBeGreaterThan(100);
});
