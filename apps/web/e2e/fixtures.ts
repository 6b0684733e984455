import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: { facilitator: string; editor: string; viewer: string };
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

interface Fixtures {
  /** Every request of every context made through `people` is checked against this origin. */
  foreignRequests: string[];
  people: {
    /** A fresh browser profile with a display name already remembered (`options`: e.g. a phone's viewport and touch). */
    join(name: string, color?: string, options?: BrowserContextOptions): Promise<Person>;
  };
  board: CreatedBoard;
}

/**
 * The shared fixture: any request leaving the app's origin (CDN fonts, analytics…)
 * is recorded and fails the test at teardown, and so is any content security
 * policy violation the browser reports.
 */
export const test = base.extend<Fixtures>({
  foreignRequests: async ({ baseURL }, use) => {
    const foreign: string[] = [];
    await use(foreign);
    expect(foreign, `requests left the origin ${baseURL} or broke its content security policy`).toEqual([]);
  },
  people: async ({ browser, baseURL, foreignRequests }, use) => {
    const contexts: BrowserContext[] = [];
    const origin = new URL(baseURL ?? "").origin;
    await use({
      join: async (name, color = "#1971c2", options = {}) => {
        const context = await newContext(browser, origin, foreignRequests, options);
        await context.addInitScript(
          ([n, c]) => {
            if (!localStorage.getItem("quadrant.identity.v1")) {
              localStorage.setItem("quadrant.identity.v1", JSON.stringify({ name: n, color: c }));
            }
          },
          [name, color],
        );
        contexts.push(context);
        return { context, page: await context.newPage() };
      },
    });
    for (const context of contexts) await context.close();
  },
  board: async ({ request }, use) => {
    const response = await request.post("/api/boards", { data: { title: "E2E workshop", template: "blank" } });
    expect(response.status()).toBe(201);
    await use((await response.json()) as CreatedBoard);
  },
});

/** Excalidraw 0.18.1's chunk holding the woff2 WebAssembly glue (its chunk name, before our build hash). */
const EXCALIDRAW_WASM_GLUE = /\/assets\/chunk-EIO257PC-[\w-]+\.js$/;

/**
 * Console errors and uncaught exceptions of every context made by `newContext`, for specs that
 * assert a clean run (workshop.spec.ts). Not asserted globally: some focused specs provoke
 * errors on purpose (a storage outage, a refused link).
 */
export const consoleErrors: string[] = [];

export async function newContext(browser: Browser, origin: string, foreign: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  // The server's CSP is on in every test: anything it blocks is a bug in the app or the policy,
  // except one block that is the policy working as intended (docs/security.md): `new Function`
  // in the Emscripten glue of Excalidraw's woff2 font subsetter (SVG export): without
  // 'unsafe-eval' the export skips subsetting and embeds whole fonts instead.
  // (Excalidraw's CDN font fallback is rewritten to our origin at build time, vite.config.ts.)
  context.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error") consoleErrors.push(`${message.location().url || "?"}: ${text}`);
    if (!/Content Security Policy/i.test(text)) return;
    if (/'unsafe-eval'/.test(text) && EXCALIDRAW_WASM_GLUE.test(message.location().url)) return;
    foreign.push(`CSP violation at ${message.location().url || "?"}: ${text}`);
  });
  context.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin && !url.startsWith(origin.replace(/^http/, "ws"))) foreign.push(url);
  });
  context.on("weberror", (error) => consoleErrors.push(`uncaught: ${error.error().message}`));
  return context;
}

export { expect };

export function link(board: CreatedBoard, role: keyof CreatedBoard["tokens"]): string {
  return `/b/${board.id}#t=${board.tokens[role]}`;
}

/** Open a board link and wait until the canvas is bound and the socket is connected. */
export async function openBoard(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
}

/**
 * Draw a rectangle with the mouse, the way a person does: click the canvas, press r, drag.
 * Start right of x≈230: with a shape tool active Excalidraw shows its properties panel on the left.
 */
export async function drawRectangle(page: Page, x: number, y: number, w: number, h: number): Promise<void> {
  const canvas = page.locator("canvas.interactive");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no canvas");
  // An empty spot at the right edge selects nothing and focuses the canvas for the
  // shortcut. Right after start-up the first click can land before Excalidraw
  // listens for keys, so confirm the tool switched (its hidden radio) and retry.
  await expect(async () => {
    await page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
    await page.keyboard.press("r");
    await expect(page.getByTestId("toolbar-rectangle")).toBeChecked({ timeout: 300 });
  }).toPass({ timeout: 5000 });
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + w / 2, box.y + y + h / 2, { steps: 5 });
  await page.mouse.move(box.x + x + w, box.y + y + h, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press("Escape");
}

/** The same gestures without checking they worked: what a viewer trying to draw does. */
export async function attemptRectangle(page: Page, x: number, y: number, w: number, h: number): Promise<void> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
  await page.keyboard.press("r");
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + w, box.y + y + h, { steps: 8 });
  await page.mouse.up();
}

/** Write a text label: click the canvas, press t, click the spot, type, Escape. */
export async function writeText(page: Page, x: number, y: number, text: string): Promise<void> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await expect(async () => {
    await page.mouse.click(box.x + box.width - 40, box.y + box.height / 2);
    await page.keyboard.press("t");
    await expect(page.getByTestId("toolbar-text")).toBeChecked({ timeout: 300 });
  }).toPass({ timeout: 5000 });
  await page.mouse.click(box.x + x, box.y + y);
  await page.keyboard.type(text);
  await page.keyboard.press("Escape");
}

export async function sceneElements(page: Page) {
  return page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? []);
}

export async function expectElementCount(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await sceneElements(page)).length).toBe(count);
}

/** Shift+1 on the canvas (after a click on empty canvas and Escape): Excalidraw's "zoom to fit all elements", so every note is on screen. */
export async function fitAll(page: Page): Promise<void> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  await page.mouse.click(box.x + box.width - 30, box.y + box.height - 90);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+1");
}
