import type { APIRequestContext, Page, WebSocket } from "@playwright/test";
import { type CreatedBoard, expect, link, openBoard, sceneElements, test } from "./fixtures";

/**
 * Facilitation's template lock and spotlight, and the image size limit (issue 3),
 * each with several browsers on one board. Positions and files are read from the
 * page's test hooks (the document each browser holds), and so is the spotlight's frame
 * selected (a locked template frame cannot be selected on the canvas); the rest is the UI.
 */

type Rect = { x: number; y: number; width: number; height: number };
type Point = { x: number; y: number };

async function createBoard(request: APIRequestContext, template: string): Promise<CreatedBoard> {
  const response = await request.post("/api/boards", { data: { title: "Focus and lock", template } });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedBoard;
}

/** Waits for the board's one template and the first-open framing, and returns the template's frame id. */
async function templateFrame(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => window.__quadrantTemplates?.view().templates.length ?? 0)).toBe(1);
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-initial-view", "fitted");
  return page.evaluate(() => window.__quadrantTemplates?.view().templates[0]?.frameId ?? "");
}

async function docRect(page: Page, id: string): Promise<Rect> {
  const rect = await page.evaluate((elementId) => window.__quadrantTemplates?.docRect(elementId) ?? null, id);
  if (!rect) throw new Error(`element ${id} is not in the document`);
  return rect;
}

async function toPage(page: Page, p: Point): Promise<Point> {
  const at = await page.evaluate(([x, y]) => window.__quadrantTemplates?.toPage(x ?? 0, y ?? 0) ?? null, [p.x, p.y]);
  if (!at) throw new Error("no scene");
  return at;
}

/**
 * Clicks the empty strip at the canvas's right edge: selects nothing, so Excalidraw's
 * properties panel (drawn over the canvas's left side while something is selected) closes.
 */
async function clickEmpty(page: Page): Promise<void> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
}

/** Presses at a page point and drags by (dx, dy) page pixels, the way a person drags. */
async function dragBy(page: Page, from: Point, dx: number, dy: number): Promise<void> {
  await clickEmpty(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 6 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 6 });
  await page.mouse.up();
  await clickEmpty(page);
}

/** Excalidraw's lock flag of these elements as this browser's canvas shows them. */
async function lockedOnCanvas(page: Page, ids: readonly string[]): Promise<boolean[]> {
  const elements = await sceneElements(page);
  return ids.map((id) => elements.find((e) => e.id === id)?.locked ?? false);
}

const moved = (a: Rect, b: Rect) => Math.abs(a.x - b.x) + Math.abs(a.y - b.y);

test("a locked template: an editor cannot drag its grid, axes, labels or frame, but moves a note in it; unlocked, the chrome moves again", async ({ people, request }) => {
  const board = await createBoard(request, "impact-effort");
  const fac = (await people.join("Fran Facilitator")).page;
  const ed = (await people.join("Eddie Editor")).page;
  await openBoard(fac, link(board, "facilitator"));
  await openBoard(ed, link(board, "editor"));
  const frameId = await templateFrame(fac);
  expect(await templateFrame(ed)).toBe(frameId);

  // Before any note exists, everything but the frame is the template's chrome.
  const chrome = (await sceneElements(ed)).filter((e) => e.id !== frameId);
  const chromeIds = chrome.map((e) => e.id);
  expect(chromeIds.length).toBeGreaterThanOrEqual(6);
  const frame = await docRect(ed, frameId);
  const axis = chrome.find((e) => e.type === "line" && e.width === 0);
  // The top-right zone's label ("Big Bets"): the left side is where Excalidraw draws its properties panel.
  const label = chrome.filter((e) => e.type === "text" && e.x > frame.x + frame.width / 2).sort((a, b) => a.y - b.y)[0];
  if (!axis || !label) throw new Error("the impact/effort template has no vertical axis or top-right zone label");

  // A sticky on the matrix: the quick note lands in the middle of the view.
  await ed.getByTestId("quick-note").fill("Ship SSO");
  await ed.getByTestId("quick-note").press("Enter");
  let noteId = "";
  await expect
    .poll(async () => {
      noteId = (await ed.evaluate(() => window.__quadrantTemplates?.view().notes.find((n) => n.text === "Ship SSO")?.id)) ?? "";
      return noteId;
    })
    .not.toBe("");

  /** Grabs a sticky near its top edge (its middle is its text) and drags it by (dx, dy) scene units. */
  const dragNote = async (dx: number, dy: number) => {
    const note = await docRect(ed, noteId);
    const from = await toPage(ed, { x: note.x + note.width / 2, y: note.y + 12 });
    const to = await toPage(ed, { x: note.x + note.width / 2 + dx, y: note.y + 12 + dy });
    await dragBy(ed, from, to.x - from.x, to.y - from.y);
    // Wait for the drop itself to reach the facilitator's document, not a throttled step on the way.
    await expect.poll(async () => moved(await docRect(fac, noteId), { ...note, x: note.x + dx, y: note.y + dy })).toBeLessThan(2);
  };
  const grips = async (): Promise<Record<"label" | "axis" | "title", Point>> => {
    const l = await docRect(ed, label.id);
    const a = await docRect(ed, axis.id);
    const f = await docRect(ed, frameId);
    const title = await toPage(ed, { x: f.x, y: f.y });
    return {
      label: await toPage(ed, { x: l.x + l.width / 2, y: l.y + l.height / 2 }),
      // Low on the vertical axis: clear of the zone labels and of the note in the middle.
      axis: await toPage(ed, { x: a.x, y: a.y + a.height * 0.85 }),
      // The frame's name is drawn just above its top-left corner.
      title: { x: title.x + 20, y: title.y - 10 },
    };
  };
  /** The facilitator's toggle, as a facilitator uses it; `onNote` selects the sticky first, else nothing is selected. */
  const toggleLock = async (onNote: boolean) => {
    await clickEmpty(fac);
    if (onNote) {
      const note = await docRect(fac, noteId);
      const at = await toPage(fac, { x: note.x + note.width / 2, y: note.y + 12 });
      await fac.mouse.click(at.x, at.y);
    }
    await fac.getByRole("button", { name: "Lock/unlock selected template" }).click();
  };
  const all = [frameId, ...chromeIds];
  const lockedView = () => fac.evaluate(() => window.__quadrantFacilitation?.view()?.lock.frames ?? null);

  // A new template arrives locked, and a locked frame cannot be selected on the canvas: with nothing
  // selected the toggle takes the template in the middle of the view and unlocks it.
  expect(await lockedOnCanvas(ed, all)).toEqual(all.map(() => true));
  await toggleLock(false);
  await expect.poll(() => lockedOnCanvas(ed, all)).toEqual(all.map(() => false));
  await expect.poll(lockedView).toEqual([]);
  // With the note selected, the toggle takes the template holding it: locked again.
  await toggleLock(true);
  await expect.poll(() => lockedOnCanvas(ed, all)).toEqual(all.map(() => true));
  await expect.poll(lockedView).toEqual([frameId]);
  await clickEmpty(fac);
  // The note itself is never locked.
  expect(await lockedOnCanvas(ed, [noteId])).toEqual([false]);

  // Locked: the editor tries to drag a zone label, the vertical axis and the frame by its name.
  const before = new Map<string, Rect>();
  for (const id of all) before.set(id, await docRect(fac, id));
  const lockedGrips = await grips();
  for (const grip of [lockedGrips.label, lockedGrips.axis, lockedGrips.title]) await dragBy(ed, grip, 90, 60);
  // The note still moves, deeper into the top-left zone (Quick Wins).
  await dragNote(-frame.width * 0.12, -frame.height * 0.15);
  // The note's move is in the facilitator's document, so anything the editor's drags wrote before it is too.
  for (const page of [fac, ed]) {
    for (const id of all) expect(moved(await docRect(page, id), before.get(id)!), `${id} moved while locked`).toBeLessThan(0.5);
  }
  const canvasNow = await sceneElements(ed);
  for (const id of chromeIds) {
    const shown = canvasNow.find((e) => e.id === id);
    expect(Math.abs((shown?.x ?? NaN) - before.get(id)!.x), `${id} moved on the editor's canvas`).toBeLessThan(0.5);
  }

  // Unlocked: the same gestures move the chrome again, and the facilitator's document follows.
  await toggleLock(false);
  await expect.poll(() => lockedOnCanvas(ed, all)).toEqual(all.map(() => false));
  await expect.poll(lockedView).toEqual([]);
  const freeGrips = await grips();
  await dragBy(ed, freeGrips.label, 90, 60);
  await expect.poll(async () => moved(await docRect(fac, label.id), before.get(label.id)!)).toBeGreaterThan(20);
  await dragBy(ed, freeGrips.axis, 90, 0);
  await expect.poll(async () => moved(await docRect(fac, axis.id), before.get(axis.id)!)).toBeGreaterThan(20);
  await dragBy(ed, freeGrips.title, 90, 60);
  await expect.poll(async () => moved(await docRect(fac, frameId), before.get(frameId)!)).toBeGreaterThan(20);
});

/** The scene rectangle as page coordinates on this browser, and the canvas's box on the page. */
async function onScreen(page: Page, rect: Rect): Promise<{ inside: boolean; topLeft: Point; bottomRight: Point }> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  const topLeft = await toPage(page, { x: rect.x, y: rect.y });
  const bottomRight = await toPage(page, { x: rect.x + rect.width, y: rect.y + rect.height });
  const inside =
    topLeft.x >= box.x && topLeft.y >= box.y && bottomRight.x <= box.x + box.width && bottomRight.y <= box.y + box.height;
  return { inside, topLeft, bottomRight };
}

test("spotlight takes participants whose view was elsewhere to the frame, and Go there brings them back", async ({ people, request }) => {
  const board = await createBoard(request, "swot");
  const fac = (await people.join("Fran Facilitator")).page;
  const away = (await people.join("Pat Away")).page;
  const close = (await people.join("Sam Closeup")).page;
  await openBoard(fac, link(board, "facilitator"));
  await openBoard(away, link(board, "editor"));
  await openBoard(close, link(board, "editor"));
  const frameId = await templateFrame(fac);
  for (const page of [away, close]) expect(await templateFrame(page)).toBe(frameId);
  const frame = await docRect(fac, frameId);

  // One participant scrolls far off; the other zooms into a corner.
  const box = await away.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await away.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await away.mouse.wheel(2500, 1800);
  const corner = await toPage(close, { x: frame.x + 40, y: frame.y + 40 });
  await close.mouse.move(corner.x, corner.y);
  await close.keyboard.down("Control");
  for (let i = 0; i < 6; i++) await close.mouse.wheel(0, -200);
  await close.keyboard.up("Control");
  for (const page of [away, close]) await expect.poll(async () => (await onScreen(page, frame)).inside).toBe(false);

  // The template arrived locked, so it cannot be selected: with nothing selected the button
  // takes the frame in the middle of the facilitator's view (the board was framed on open).
  await fac.getByRole("button", { name: "Spotlight selected frame" }).click();
  await expect.poll(() => fac.evaluate(() => window.__quadrantFacilitation?.view()?.focus.spotlightFrameId ?? null)).toBe(frameId);
  for (const page of [away, close]) {
    await expect.poll(async () => (await onScreen(page, frame)).inside).toBe(true);
    // Framed, not a speck: the frame fills a good part of the canvas width.
    const { topLeft, bottomRight } = await onScreen(page, frame);
    expect(bottomRight.x - topLeft.x).toBeGreaterThan(box.width * 0.5);
    await expect(page.getByText("Spotlight on a frame")).toBeVisible();
  }

  // Wandering off again: the banner's "Go there" returns to the spotlighted frame.
  await away.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await away.mouse.wheel(-3000, 2000);
  await expect.poll(async () => (await onScreen(away, frame)).inside).toBe(false);
  await away.getByRole("button", { name: "Go there" }).click();
  await expect.poll(async () => (await onScreen(away, frame)).inside).toBe(true);

  await fac.getByRole("button", { name: "Clear spotlight" }).click();
  for (const page of [away, close]) await expect(page.getByText("Spotlight on a frame")).toHaveCount(0);
});

/**
 * Drops a generated PNG on the canvas like a file dragged from the desktop. `noise`
 * makes it incompressible: 900×900 noisy pixels encode to roughly 3 MB, over our
 * 2 MB limit but under Excalidraw's own 4 MB refusal, so our limit is what decides.
 */
async function dropPng(page: Page, side: number, noise: boolean): Promise<number> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  return page.evaluate(
    async ({ side, noise, x, y }) => {
      const canvas = document.createElement("canvas");
      canvas.width = side;
      canvas.height = side;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2d context");
      const pixels = context.createImageData(side, side);
      for (let i = 0; i < pixels.data.length; i += 4) {
        pixels.data[i] = noise ? Math.floor(Math.random() * 256) : 30;
        pixels.data[i + 1] = noise ? Math.floor(Math.random() * 256) : 144;
        pixels.data[i + 2] = noise ? Math.floor(Math.random() * 256) : 255;
        pixels.data[i + 3] = 255;
      }
      context.putImageData(pixels, 0, 0);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!blob) throw new Error("the browser made no PNG");
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], noise ? "big-photo.png" : "small-logo.png", { type: "image/png" }));
      const target = document.querySelector("canvas.interactive");
      target?.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, clientX: x, clientY: y, bubbles: true, cancelable: true }));
      return blob.size;
    },
    { side, noise, x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

const files = (page: Page) => page.evaluate(() => window.__quadrantBoard?.fileIds() ?? { canvas: [], doc: [] });
const images = async (page: Page) => (await sceneElements(page)).filter((e) => e.type === "image");
const MB = 1024 * 1024;

test("an image over 2 MB is refused with a message and never reaches the other editor; a small one does", async ({ people, board }) => {
  const sender = await people.join("Ivy Images");
  const receiver = await people.join("Rob Receiver");
  // The largest websocket frame each side ever carries: the big image must not be in any.
  let largestSent = 0;
  let largestReceived = 0;
  const size = (payload: string | Buffer) => (typeof payload === "string" ? payload.length : payload.byteLength);
  sender.page.on("websocket", (ws: WebSocket) => ws.on("framesent", (f) => (largestSent = Math.max(largestSent, size(f.payload)))));
  receiver.page.on("websocket", (ws: WebSocket) => ws.on("framereceived", (f) => (largestReceived = Math.max(largestReceived, size(f.payload)))));
  await openBoard(sender.page, link(board, "editor"));
  await openBoard(receiver.page, link(board, "editor"));

  const bigBytes = await dropPng(sender.page, 900, true);
  expect(bigBytes).toBeGreaterThan(2 * MB);
  const toast = sender.page.getByText(/too large/i);
  await expect(toast).toBeVisible();
  const shown = Number(/(\d+(?:\.\d+)?) MB/.exec((await toast.textContent()) ?? "")?.[1]);
  expect(shown).toBeGreaterThan(2);
  await expect(toast).toContainText("the limit is 2 MB");
  // The refused image leaves the sender's canvas and was never written to the shared document.
  await expect.poll(async () => (await images(sender.page)).length).toBe(0);
  const refused = await files(sender.page);
  expect(refused.canvas).toHaveLength(1);
  expect(refused.doc).toEqual([]);

  await dropPng(sender.page, 64, false);
  await expect.poll(async () => (await images(sender.page)).length).toBe(1);
  await expect.poll(async () => (await files(sender.page)).canvas.length).toBe(2);
  const small = (await files(sender.page)).canvas.filter((id) => !refused.canvas.includes(id));
  expect(small).toHaveLength(1);
  // The small image reaches the other editor's document and canvas; it arrived after the refusal,
  // over the same socket, so the big one would have arrived before it had it been sent.
  await expect.poll(() => files(receiver.page)).toEqual({ canvas: small, doc: small });
  await expect.poll(async () => (await images(receiver.page)).length).toBe(1);
  const after = await files(sender.page);
  expect({ canvas: [...after.canvas].sort(), doc: after.doc }).toEqual({ canvas: [...refused.canvas, ...small].sort(), doc: small });
  expect(largestSent, "a websocket frame as large as the refused image left the sender").toBeLessThan(MB);
  expect(largestReceived, "a websocket frame as large as the refused image reached the receiver").toBeLessThan(MB);
});
