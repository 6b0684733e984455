import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "@playwright/test";
import { consoleErrors, drawRectangle, expect, fitAll, newContext, sceneElements, test, writeText } from "./fixtures";
import { clickNote, toPage } from "./template-gestures";
import { commentThreadOnNote } from "./steps/comments";
import { historyRestoresMatrix } from "./steps/history";

/**
 * Issue #12: one whole workshop, three people, through the UI only. Fran facilitates, Eli
 * edits, Vic views. Test hooks (window.__quadrant*) only READ state for assertions; every
 * action is a click, a key or a drag. Privacy is checked on the bytes: every websocket
 * frame the other two browsers receive is recorded, and no marker of a private note may be
 * in them before the reveal.
 */

/** The README's pictures of the outcome panels are taken from this run. */
const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

/**
 * One side panel as the facilitator sees it, for the README: the panel column scrolled to the
 * section, in a window tall enough to show it whole (an element shot of a section that runs
 * past the scroll area comes out blank below the fold).
 */
async function panelShot(page: Page, testId: string, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1400 });
  const section = page.locator("section.side-panel", { has: page.getByTestId(testId) });
  await section.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  const box = await section.boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), clip: { x: box.x - 8, y: 0, width: 1280 - box.x + 8, height: 1400 } });
  if (size) await page.setViewportSize(size);
}

interface Member {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Every websocket frame this browser received, as latin1 text (binary y-protocol frames too). */
  received: string[];
}

async function member(make: () => Promise<BrowserContext>, name: string): Promise<Member> {
  const context = await make();
  const page = await context.newPage();
  const received: string[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", (frame) => received.push(typeof frame.payload === "string" ? frame.payload : frame.payload.toString("latin1"))),
  );
  return { name, context, page, received };
}

function leaked(to: Member, markers: readonly string[]): string[] {
  return markers.filter((m) => to.received.some((frame) => frame.includes(m)));
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true");
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  // The panels come once the board is shown (BoardLayers); their first read of the history is done too.
  await expect(page.getByTestId("side-panels")).toBeAttached();
  await expect(page.getByText("Loading history…")).toHaveCount(0);
}

const view = (page: Page) => page.evaluate(() => window.__quadrantFacilitation?.view() ?? null);
const boardView = (page: Page) => page.evaluate(() => window.__quadrantTemplates?.view() ?? null);
const texts = (page: Page) => page.evaluate(() => window.__quadrantTemplates?.sceneTexts() ?? []);

/** The id of the canvas element showing `text` (a sticky's container when the text is its label). */
async function idOfText(page: Page, text: string): Promise<string> {
  let id = "";
  await expect
    .poll(async () => {
      const hit = (await texts(page)).find((t) => t.text.includes(text));
      id = hit ? (hit.containerId ?? hit.id) : "";
      return id;
    })
    .not.toBe("");
  return id;
}

/** The canvas area free of Excalidraw's toolbars: a point in the middle, in page pixels. */
async function canvasCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator("canvas.interactive").boundingBox();
  if (!box) throw new Error("no canvas");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Scrolls with the mouse wheel until the view's centre is at scene x ≥ `sceneX`. */
async function scrollRightTo(page: Page, sceneX: number): Promise<void> {
  const centre = await canvasCentre(page);
  await page.mouse.move(centre.x, centre.y);
  await expect(async () => {
    const origin = await toPage(page, 0, 0);
    const zoom = (await toPage(page, 1, 0)).x - origin.x;
    const atCentre = (centre.x - origin.x) / zoom;
    if (atCentre < sceneX) await page.mouse.wheel((sceneX + 50 - atCentre) * zoom, 0);
    const after = await toPage(page, 0, 0);
    expect((centre.x - after.x) / zoom).toBeGreaterThanOrEqual(sceneX);
  }).toPass({ timeout: 5_000 });
}

/** Clicks a shape's top edge: Excalidraw selects a transparent shape by its outline, not its inside. */
async function clickOutline(page: Page, id: string): Promise<void> {
  const rect = await page.evaluate((el) => window.__quadrantTemplates?.sceneRect(el) ?? null, id);
  if (!rect) throw new Error(`${id} not on the canvas`);
  const at = await toPage(page, rect.x + rect.width / 2, rect.y);
  await page.mouse.click(at.x, at.y);
}

/**
 * Ctrl+V with text on the clipboard, as the browser delivers it: a paste event carrying the
 * text (headless Chromium does not turn Playwright's Ctrl+V into one from the OS clipboard).
 */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData("text/plain", content);
    document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Unfolds the session tools (remembered per browser; folded on small screens). */
async function openDock(page: Page): Promise<void> {
  const toggle = page.getByTestId("facilitate-toggle");
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}

/** Drags a canvas element by its top edge so its centre lands on scene point (x, y). */
async function dragTo(page: Page, id: string, x: number, y: number): Promise<void> {
  const rect = await page.evaluate((el) => window.__quadrantTemplates?.sceneRect(el) ?? null, id);
  if (!rect) throw new Error(`${id} not on the canvas`);
  const grab = Math.min(35, rect.height / 2 - 4);
  const from = await toPage(page, rect.x + rect.width / 2, rect.y + rect.height / 2 - grab);
  const to = await toPage(page, x, y - grab);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
  await expect
    .poll(() => page.evaluate(([el, tx, ty]) => {
      const r = window.__quadrantTemplates?.sceneRect(String(el));
      return r ? Math.hypot(r.x + r.width / 2 - Number(tx), r.y + r.height / 2 - Number(ty)) : Infinity;
    }, [id, x, y] as const))
    .toBeLessThan(12);
}

async function quickNote(page: Page, text: string): Promise<void> {
  const canvas = await page.locator("canvas.interactive").boundingBox();
  if (!canvas) throw new Error("no canvas");
  // "n" from the canvas jumps to the quick-note field.
  await page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 90);
  await page.keyboard.press("n");
  await expect(page.getByTestId("quick-note")).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** A 1×1 PNG dropped onto the canvas from outside the browser (a DataTransfer with a File, as the OS hands it over). */
async function dropImage(page: Page, at: { x: number; y: number }): Promise<void> {
  const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "private-sketch.png", { type: "image/png" }));
    return dt;
  }, png);
  const canvas = page.locator("canvas.interactive");
  for (const type of ["dragenter", "dragover", "drop"]) {
    await canvas.dispatchEvent(type, { dataTransfer, clientX: at.x, clientY: at.y });
  }
}

/** An .excalidrawlib file dropped onto the canvas: Excalidraw adds its items to the library. */
async function dropLibrary(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
  const item = {
    id: "lib-item-private",
    status: "unpublished",
    created: 1,
    elements: [
      {
        id: "libText0000000000001",
        type: "text",
        x: 0,
        y: 0,
        width: 200,
        height: 25,
        angle: 0,
        strokeColor: "#1e1e1e",
        backgroundColor: "transparent",
        fillStyle: "solid",
        strokeWidth: 1,
        strokeStyle: "solid",
        roughness: 1,
        opacity: 100,
        groupIds: [],
        frameId: null,
        roundness: null,
        seed: 1,
        version: 1,
        versionNonce: 1,
        isDeleted: false,
        boundElements: null,
        updated: 1,
        link: null,
        locked: false,
        text,
        fontSize: 20,
        fontFamily: 5,
        textAlign: "left",
        verticalAlign: "top",
        containerId: null,
        originalText: text,
        autoResize: true,
        lineHeight: 1.25,
        index: "a0",
      },
    ],
  };
  const json = JSON.stringify({ type: "excalidrawlib", version: 2, source: "workshop.spec", libraryItems: [item] });
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], "ideas.excalidrawlib", { type: "application/vnd.excalidrawlib+json" }));
    return dt;
  }, json);
  const canvas = page.locator("canvas.interactive");
  for (const type of ["dragenter", "dragover", "drop"]) {
    await canvas.dispatchEvent(type, { dataTransfer, clientX: at.x, clientY: at.y });
  }
}

test("a whole workshop: three people, three templates, private brainstorm through every path, votes, scores, focus, agenda, exports, reload and offline", async ({
  browser,
  baseURL,
  foreignRequests,
}) => {
  test.setTimeout(240_000); // a budget, not a timed assertion: about 1.5 min on a quiet machine; comments and history steps (issue 16) joined
  consoleErrors.length = 0;
  const origin = new URL(baseURL ?? "").origin;
  const make = () => newContext(browser, origin, foreignRequests);
  const fran = await member(make, "Fran (facilitator)");
  const eli = await member(make, "Eli Editor");
  const vic = await member(make, "Vic Viewer");
  const everyone = [fran, eli, vic];
  const started = Date.now();

  // ---- 1. Fran creates the board from the landing page and joins with her name ----------------
  await fran.page.goto("/");
  await fran.page.getByLabel("Board title").fill("Q3 platform strategy offsite");
  await fran.page.getByLabel(/Impact \/ effort/).check();
  await fran.page.getByRole("button", { name: "Create board" }).click();
  await expect(fran.page.getByTestId("created-links")).toBeVisible();
  await fran.page.getByRole("link", { name: "Open as facilitator" }).click();
  await fran.page.getByPlaceholder("Your name").fill(fran.name);
  await fran.page.getByRole("button", { name: "Join board" }).click();
  await ready(fran.page);
  await expect.poll(async () => (await boardView(fran.page))?.templates.length).toBe(1);
  // An avatar shows letters, never a bracket ("F(" once).
  await expect(fran.page.locator(".avatar").first()).toHaveText("F");

  // ---- 2. She shares the editor and viewer links through the Share dialog ---------------------
  await fran.page.getByTestId("share-button").click();
  const editorLink = await fran.page.getByTestId("share-link-editor").inputValue();
  const viewerLink = await fran.page.getByTestId("share-link-viewer").inputValue();
  await fran.page.getByRole("button", { name: "Close" }).click();
  for (const [who, linkTo] of [[eli, editorLink], [vic, viewerLink]] as const) {
    await who.page.goto(linkTo);
    await who.page.getByPlaceholder("Your name").fill(who.name);
    await who.page.getByRole("button", { name: "Join board" }).click();
    await ready(who.page);
    await expect(who.page.getByTestId("facilitation")).toBeVisible();
  }
  await expect(eli.page.getByTestId("facilitation")).toHaveAttribute("data-role", "editor");
  await expect(vic.page.getByTestId("facilitation")).toHaveAttribute("data-role", "viewer");

  // ---- 3. The other two templates, each beside the last (the view scrolled to free space) -----
  const matrix = (await boardView(fran.page))!.templates[0]!;
  const matrixRect = (await fran.page.evaluate((id) => window.__quadrantTemplates?.docRect(id), matrix.frameId))!;
  for (const [i, kind] of (["swot", "theme-map"] as const).entries()) {
    await scrollRightTo(fran.page, matrixRect.x + matrixRect.width * (i + 1.5) + 200 * (i + 1));
    await fran.page.getByLabel("template kind").selectOption(kind);
    await fran.page.getByRole("button", { name: "Insert here" }).click();
    await expect.poll(async () => (await boardView(vic.page))?.templates.length).toBe(i + 2);
  }
  const kinds = async (page: Page) => ((await boardView(page))?.templates ?? []).map((t) => t.kind).sort();
  for (const m of everyone) expect(await kinds(m.page)).toEqual(["impact-effort", "swot", "theme-map"]);
  const frameOf = async (kind: string) => {
    const t = (await boardView(fran.page))!.templates.find((x) => x.kind === kind)!;
    return { id: t.frameId, ...(await fran.page.evaluate((id) => window.__quadrantTemplates!.docRect(id)!, t.frameId)) };
  };
  const swotFrame = await frameOf("swot");
  const themeFrame = await frameOf("theme-map");

  // A SWOT threat, public, before the brainstorm (carried privately below).
  await fitAll(eli.page);
  await quickNote(eli.page, "Public threat: new competitor");
  const threat = await idOfText(eli.page, "Public threat");
  await dragTo(eli.page, threat, swotFrame.x + swotFrame.width * 0.75, swotFrame.y + swotFrame.height * 0.75);
  await expect(fran.page.getByTestId("swot-zone-threats").getByTestId(`swot-item-${threat}`)).toBeVisible();

  // ---- 4. Timer: runs everywhere, ends with "Time is up" and Restart (never Pause at 0:00) ---
  for (const m of everyone) await openDock(m.page);
  await fran.page.getByLabel("timer minutes").fill("0.05");
  await fran.page.getByRole("button", { name: "Set", exact: true }).click();
  await fran.page.getByTestId("fac-timer-bar").getByRole("button", { name: "Start" }).click();
  for (const m of everyone) await expect(m.page.getByTestId("timer")).toHaveAttribute("data-status", "running");
  for (const m of everyone) await expect(m.page.getByRole("alert")).toHaveText("Time is up");
  const timerBar = fran.page.getByTestId("fac-timer-bar");
  await expect(timerBar.getByRole("button", { name: "Restart" })).toBeVisible();
  await expect(timerBar.getByRole("button", { name: "Pause" })).toHaveCount(0);
  // The header stays one line at zero.
  const head = await fran.page.locator(".fac-dock-head .fac-timer").boundingBox();
  expect(head!.height).toBeLessThan(40);
  await timerBar.getByRole("button", { name: "Restart" }).click();
  await expect(fran.page.getByTestId("timer")).toHaveAttribute("data-expired", "false");
  await fran.page.getByRole("button", { name: "Reset", exact: true }).click();

  // ---- 5. Private brainstorm: Eli adds notes by every path; nothing reaches Fran or Vic -------
  await fran.page.getByRole("button", { name: "Start private brainstorm" }).click();
  for (const m of everyone) await expect(m.page.getByTestId("private-banner")).toBeVisible();
  await expect(eli.page.getByTestId("private-count")).toHaveText("(none of yours yet)");
  const markers: string[] = [];
  const mark = (path: string) => {
    const marker = `PRIV-${path}-${Math.random().toString(36).slice(2, 8)}`;
    markers.push(marker);
    return marker;
  };
  const others = [fran, vic];
  await fitAll(eli.page);
  const eliCanvas = (await eli.page.locator("canvas.interactive").boundingBox())!;

  // a. the quick-note field (the path that leaked)
  const quick = mark("QUICK");
  await quickNote(eli.page, quick);
  const quickId = await idOfText(eli.page, quick);
  await expect(fran.page.getByTestId("fac-held")).toHaveText("1 hidden note");
  // b. the text tool
  const typed = mark("TEXT");
  await writeText(eli.page, eliCanvas.width - 420, 120, typed);
  const typedId = await idOfText(eli.page, typed);
  // c. the rectangle tool, then d. a sticky: the rectangle given a label (Enter edits a shape's text)
  const rectsBefore = new Set((await sceneElements(eli.page)).filter((e) => e.type === "rectangle").map((e) => e.id));
  await drawRectangle(eli.page, eliCanvas.width - 420, 200, 140, 80);
  const sticky = mark("STICKY");
  const rectId = (await sceneElements(eli.page)).find((e) => e.type === "rectangle" && !rectsBefore.has(e.id))!.id;
  await clickOutline(eli.page, rectId);
  await eli.page.keyboard.press("Enter");
  await eli.page.keyboard.type(sticky);
  await eli.page.keyboard.press("Escape");
  await idOfText(eli.page, sticky);
  // e. paste: plain text from the clipboard becomes a text element
  const pasted = mark("PASTE");
  // Excalidraw pastes where the pointer is, when the canvas has the focus (a click on an empty spot).
  await eli.page.mouse.click(eliCanvas.x + 300, eliCanvas.y + 180);
  await pasteText(eli.page, pasted);
  const pastedId = await idOfText(eli.page, pasted);
  // f. duplicate (Ctrl+D) of the typed note
  await clickNote(eli.page, typedId);
  await eli.page.keyboard.press("Control+D");
  await expect.poll(async () => (await texts(eli.page)).filter((t) => t.text === typed).length).toBe(2);
  await eli.page.keyboard.press("Escape");
  // g. an image dragged in from outside the browser
  await dropImage(eli.page, { x: eliCanvas.x + 700, y: eliCanvas.y + 200 });
  await expect.poll(async () => (await sceneElements(eli.page)).filter((e) => e.type === "image").length).toBe(1);
  // h. carry from the SWOT while private: the carried note is Eli's alone until the reveal
  const threatItem = eli.page.getByTestId("swot-zone-threats").getByTestId(`swot-item-${threat}`);
  await threatItem.getByRole("button", { name: "→ matrix" }).click();
  await expect(threatItem.getByTestId("carried")).toBeVisible();
  await expect(threatItem.getByRole("button", { name: "→ matrix" })).toHaveCount(0);
  // i. a library item, imported and placed
  const library = mark("LIBRARY");
  await eli.page.keyboard.press("Escape");
  await dropLibrary(eli.page, library, { x: eliCanvas.x + 400, y: eliCanvas.y + 250 });
  // The library's first unit is the "add the selection" button; the dropped item follows it.
  await eli.page.locator(".library-unit__active:not(:has(.library-unit__adder))").first().click();
  await idOfText(eli.page, library);
  await eli.page.keyboard.press("Escape");
  // j. undo and redo of a hidden note: delete the pasted one, undo, redo, undo (it stays)
  await clickNote(eli.page, pastedId);
  await eli.page.keyboard.press("Delete");
  await expect.poll(async () => (await texts(eli.page)).some((t) => t.id === pastedId)).toBe(false);
  await eli.page.keyboard.press("Control+Z");
  await expect.poll(async () => (await texts(eli.page)).some((t) => t.id === pastedId)).toBe(true);
  await eli.page.keyboard.press("Control+Shift+Z");
  await expect.poll(async () => (await texts(eli.page)).some((t) => t.id === pastedId)).toBe(false);
  await eli.page.keyboard.press("Control+Z");
  await expect.poll(async () => (await texts(eli.page)).some((t) => t.id === pastedId)).toBe(true);
  // k. an edit of a held note (not a creation): the quick note gets more words
  const edited = mark("EDIT");
  await clickNote(eli.page, quickId);
  await eli.page.keyboard.press("Enter");
  await eli.page.keyboard.press("End");
  await eli.page.keyboard.type(` ${edited}`);
  await eli.page.keyboard.press("Escape");
  await idOfText(eli.page, edited);

  // Held: quick, typed, its duplicate, rectangle-with-label, pasted, image, carried note, library item.
  const heldNotes = 8;
  await expect(fran.page.getByTestId("fac-held")).toHaveText(`${heldNotes} hidden notes`);
  await expect(eli.page.getByTestId("private-count")).toHaveText(`(${heldNotes} of yours hidden)`);
  await fran.page.waitForTimeout(500);
  for (const o of others) expect(leaked(o, markers), `private markers in ${o.name}'s websocket frames`).toEqual([]);
  for (const o of others) {
    const shown = (await texts(o.page)).map((t) => t.text).join("\n");
    for (const m of markers) expect(shown).not.toContain(m);
  }
  const imageBefore = await vic.page.evaluate(() => window.__quadrantBoard?.fileIds().doc.length ?? -1);
  expect(imageBefore).toBe(0);

  // ---- 6. Reveal: everyone gets every note at once ------------------------------------------
  const framesBefore = vic.received.length;
  await fran.page.getByRole("button", { name: "Reveal notes" }).click();
  for (const o of others) {
    await expect.poll(async () => (await texts(o.page)).map((t) => t.text).join("\n")).toContain(edited);
  }
  for (const o of others) {
    const shown = (await texts(o.page)).map((t) => t.text).join("\n");
    for (const m of markers) expect(shown, `${m} on ${o.name}'s canvas after the reveal`).toContain(m);
  }
  // Atomic: the first frame Vic received with any marker carried all of them.
  const revealFrame = vic.received.slice(framesBefore).find((f) => markers.some((m) => f.includes(m)));
  expect(markers.filter((m) => !(revealFrame ?? "").includes(m))).toEqual([]);
  await expect.poll(() => vic.page.evaluate(() => window.__quadrantBoard?.fileIds().doc.length ?? 0)).toBe(1);
  for (const m of everyone) await expect(m.page.getByTestId("private-banner")).toHaveCount(0);

  test.info().annotations.push({ type: "elapsed", description: `${Math.round((Date.now() - started) / 1000)} s to the reveal` });

  // ---- 7. SWOT pairing: a strength beside the threat, paired S×T by Fran, seen by Vic --------
  await fitAll(eli.page);
  await quickNote(eli.page, "Strong platform team");
  const strength = await idOfText(eli.page, "Strong platform team");
  await dragTo(eli.page, strength, swotFrame.x + swotFrame.width * 0.25, swotFrame.y + swotFrame.height * 0.3);
  await expect(fran.page.getByTestId("swot-zone-strengths").getByTestId(`swot-item-${strength}`)).toBeVisible();
  await fran.page.getByLabel("pairing").selectOption("ST");
  await fran.page.getByLabel("Strong platform team").check();
  await fran.page.getByLabel("Public threat: new competitor").check();
  await fran.page.getByLabel("strategy").fill("Ship the platform before the competitor does");
  await fran.page.getByLabel("strategy").press("Enter");
  await expect(vic.page.getByTestId("pairings")).toContainText("S×T Ship the platform before the competitor does");

  // ---- 8. Theme from selection: Eli clusters two initiatives on the theme map ----------------
  const initiatives: Record<string, string> = {};
  for (const [text, fy] of [["RBAC", 0.35], ["Audit log", 0.65]] as const) {
    await quickNote(eli.page, text);
    initiatives[text] = await idOfText(eli.page, text);
    await dragTo(eli.page, initiatives[text]!, themeFrame.x + themeFrame.width * 0.3, themeFrame.y + themeFrame.height * fy);
  }
  await expect(fran.page.getByTestId("unthemed")).toContainText("Audit log");
  // Click the first, shift-click the second (on their top edges: the middle is the label).
  for (const [text, shift] of [["RBAC", false], ["Audit log", true]] as const) {
    if (shift) await eli.page.keyboard.down("Shift");
    await clickOutline(eli.page, initiatives[text]!);
    if (shift) await eli.page.keyboard.up("Shift");
  }
  await eli.page.getByTestId("theme-from-selection").click();
  let themeId = "";
  await expect
    .poll(async () => {
      const themes = (await boardView(fran.page))?.themes ?? [];
      themeId = themes[0]?.theme.id ?? "";
      return themes[0]?.notes.map((n) => n.text).sort();
    })
    .toEqual(["Audit log", "RBAC"]);
  await fran.page.getByTestId(`theme-name-${themeId}`).fill("Enterprise-ready platform");
  await fran.page.getByTestId(`theme-name-${themeId}`).press("Enter");
  await expect(vic.page.getByTestId(`theme-${themeId}`)).toContainText("Enterprise-ready platform");

  // ---- 9. Carry: the theme's initiatives go to the matrix; Eli places RBAC in Big Bets -------
  await eli.page.getByTestId(`theme-${themeId}`).getByRole("button", { name: "Send initiatives to the matrix" }).click();
  let rbacOnMatrix = "";
  await expect
    .poll(async () => {
      const carried = ((await boardView(fran.page))?.notes ?? []).filter((n) => n.origin?.templateKind === "theme-map");
      rbacOnMatrix = carried.find((n) => n.text === "RBAC")?.id ?? "";
      return carried.map((n) => n.text).sort();
    })
    .toEqual(["Audit log", "RBAC"]);
  await expect(eli.page.getByTestId(`theme-${themeId}`).getByRole("button", { name: "Send initiatives to the matrix" })).toHaveCount(0);
  await fitAll(eli.page);
  await dragTo(eli.page, rbacOnMatrix, matrixRect.x + matrixRect.width * 0.8, matrixRect.y + matrixRect.height * 0.2);
  await expect(vic.page.getByTestId(`matrix-row-${rbacOnMatrix}`)).toHaveAttribute("data-quadrant", "Big Bets");
  await expect(vic.page.getByTestId(`matrix-row-${rbacOnMatrix}`).locator(".note-meta")).toContainText("from Enterprise-ready platform");

  // ---- 10. Dot vote: all three roles vote by clicking; stacking; the cap; hidden until reveal
  // Eli's RBAC stays selected as the vote opens: selection never casts (defect 2).
  await clickOutline(eli.page, rbacOnMatrix);
  await fran.page.getByLabel("votes per person").fill("3");
  const stacking = fran.page.getByTestId("facilitator-tools").getByLabel("stacking");
  if (!(await stacking.isChecked())) await stacking.check();
  await fran.page.keyboard.press("Escape");
  await fran.page.getByRole("button", { name: "Open vote" }).click();
  for (const m of everyone) await expect(m.page.getByTestId("votes-left")).toHaveText("3 votes left");
  await eli.page.waitForTimeout(500);
  await expect(eli.page.getByTestId("votes-left")).toHaveText("3 votes left");
  for (const m of everyone) await fitAll(m.page);
  const auditOnMatrix = ((await boardView(fran.page))?.notes ?? []).find((n) => n.text === "Audit log" && n.origin !== null)!.id;
  // Eli stacks two dots on RBAC and one on the SWOT's strength, then tries a fourth. (Audit log
  // still waits beside the matrix, carried but not dragged in: it is "to be placed", RULE 33, and
  // takes no vote; navigation.spec.ts checks that refusal.)
  for (const [id, left] of [[rbacOnMatrix, 2], [rbacOnMatrix, 1], [strength, 0]] as const) {
    await clickNote(eli.page, id);
    await expect(eli.page.getByTestId("votes-left")).toHaveText(`${left} votes left`);
  }
  await clickNote(eli.page, strength);
  await expect(eli.page.getByTestId("fac-refusal")).toContainText("all 3 votes");
  await expect(eli.page.getByTestId("votes-left")).toHaveText("0 votes left");
  // Vic (viewer) votes by clicking, like everyone else.
  await clickNote(vic.page, rbacOnMatrix);
  await expect(vic.page.getByTestId("votes-left")).toHaveText("2 votes left");
  await clickNote(fran.page, strength);
  await expect(fran.page.getByTestId("votes-left")).toHaveText("2 votes left");
  await expect(fran.page.getByTestId("fac-voters")).toHaveText("3 voted");
  for (const m of everyone) await expect(m.page.getByTestId("vote-results")).toHaveCount(0);
  // Votes survive a reload.
  await vic.page.reload();
  await ready(vic.page);
  await openDock(vic.page);
  await expect(vic.page.getByTestId("votes-left")).toHaveText("2 votes left");
  await fran.page.getByRole("button", { name: "Reveal votes" }).click();
  for (const m of everyone) {
    const first = m.page.getByTestId("vote-results").locator("li").first();
    await expect(first).toHaveAttribute("data-note", rbacOnMatrix);
    await expect(first).toHaveAttribute("data-votes", "3");
  }

  await fran.page.screenshot({ path: test.info().outputPath("vote-revealed-fran.png") });
  await vic.page.screenshot({ path: test.info().outputPath("vote-revealed-vic.png") });

  // ---- 11. Independent scoring: Eli and Vic disagree on RBAC; discuss; Fran accepts the mean
  // Fran's own vote left a note selected: scoring opens on the selection, so clear it (the whole board).
  await fitAll(fran.page);
  await fran.page.getByLabel("spread threshold", { exact: true }).fill("2");
  await fran.page.getByRole("button", { name: "Open scoring" }).click();
  for (const [m, impact, effort] of [[eli, "9", "2"], [vic, "3", "8"]] as const) {
    await expect(m.page.getByTestId("score-selected")).toBeVisible();
    await clickNote(m.page, rbacOnMatrix);
    const tools = m.page.getByTestId("participant-tools");
    await tools.getByLabel("impact", { exact: true }).fill(impact);
    await tools.getByLabel("effort", { exact: true }).fill(effort);
    await m.page.getByTestId("score-selected").click();
    await expect(m.page.getByTestId("my-scores")).toHaveText("1 scored");
  }
  await expect(vic.page.getByTestId("scoring-results")).toHaveCount(0);
  await fran.page.getByRole("button", { name: "Reveal scores" }).click();
  for (const m of everyone) {
    const row = m.page.getByTestId("scoring-results").locator(`li[data-note="${rbacOnMatrix}"]`);
    await expect(row).toHaveAttribute("data-discuss", "true");
    await expect(row).toContainText("impact 6 ±3");
  }
  await fran.page.getByRole("button", { name: "Accept mean" }).first().click();
  // The accepted note is ringed on every screen and drawn above anything it lands on.
  for (const o of [eli, vic]) await expect(o.page.getByTestId("note-highlight")).toHaveAttribute("data-note", rbacOnMatrix);
  await expect(vic.page.getByTestId("scoring-results").locator(`li[data-note="${rbacOnMatrix}"]`)).toContainText("(placed)");
  const order = await vic.page.evaluate(() => window.__quadrantBoard?.sceneElements().map((e) => e.id) ?? []);
  const notesOnMatrix = ((await boardView(vic.page))?.notes ?? []).filter((n) => n.templateId === matrix.id).map((n) => n.id);
  expect(Math.max(...notesOnMatrix.map((id) => order.indexOf(id)))).toBe(order.indexOf(rbacOnMatrix));
  await fran.page.getByRole("button", { name: "End scoring" }).click();

  await vic.page.screenshot({ path: test.info().outputPath("accepted-vic.png") });

  // ---- 12. Summon and follow ------------------------------------------------------------
  const viewport = (page: Page) => page.evaluate(() => window.__quadrantFacilitation?.viewport() ?? null);
  const distance = async (page: Page) => {
    const [a, b] = [await viewport(fran.page), await viewport(page)];
    return a && b ? Math.abs(a.x - b.x) + Math.abs(a.y - b.y) : Infinity;
  };
  await scrollRightTo(fran.page, swotFrame.x + swotFrame.width / 2);
  await fran.page.getByTestId("bring-everyone").click();
  for (const o of [eli, vic]) await expect.poll(() => distance(o.page)).toBeLessThan(2);
  // The checkbox shows the server's state: click, then wait for it to come back.
  await fran.page.getByLabel("follow me").click();
  await expect(fran.page.getByLabel("follow me")).toBeChecked();
  for (const o of [eli, vic]) await expect(o.page.getByTestId("follow-banner")).toBeVisible();
  await eli.page.screenshot({ path: test.info().outputPath("following-eli.png") });
  await scrollRightTo(fran.page, themeFrame.x + themeFrame.width / 2);
  for (const o of [eli, vic]) await expect.poll(() => distance(o.page)).toBeLessThan(2);
  await vic.page.getByTestId("follow-banner").getByRole("button", { name: "Stop following" }).click();
  await expect(vic.page.getByTestId("follow-banner")).toHaveCount(0);
  const vicStayed = await viewport(vic.page);
  await scrollRightTo(fran.page, themeFrame.x + themeFrame.width);
  await expect.poll(() => distance(eli.page)).toBeLessThan(2);
  expect(await viewport(vic.page)).toEqual(vicStayed);
  await fran.page.getByLabel("follow me").click();
  await expect(fran.page.getByLabel("follow me")).not.toBeChecked();
  await expect(eli.page.getByTestId("follow-banner")).toHaveCount(0);

  // ---- 13. Locks: the templates show their lock; the board lock stops Eli's tools ------------
  await fitAll(eli.page);
  await expect(eli.page.getByTestId("frame-lock-badge").first()).toHaveAttribute("title", /Locked by the facilitator/);
  // The checkbox shows the server's state: click, then wait for it to come back.
  await fran.page.getByLabel("lock board").click();
  await expect(fran.page.getByLabel("lock board")).toBeChecked();
  await expect(eli.page.getByTestId("lock-banner")).toBeVisible();
  await expect(eli.page.getByTestId("toolbar-rectangle")).toHaveCount(0);
  await fran.page.getByLabel("lock board").click();
  await expect(fran.page.getByLabel("lock board")).not.toBeChecked();
  await expect(eli.page.getByTestId("lock-banner")).toHaveCount(0);

  // ---- 14. Agenda steps and the ready check ---------------------------------------------------
  await fran.page.getByLabel("agenda").fill("Decide 10\nWrap-up 5");
  await fran.page.getByRole("button", { name: "Save agenda" }).click();
  await fran.page.getByRole("button", { name: "Next step" }).click();
  for (const m of everyone) await expect(m.page.getByTestId("fac-current-step")).toHaveText("Decide");
  for (const o of [eli, vic]) await o.page.getByTestId("ready-button").click();
  await expect(fran.page.getByTestId("fac-ready")).toHaveText("2 done: Eli Editor, Vic Viewer");
  await fran.page.getByRole("button", { name: "Next step" }).click();
  for (const m of everyone) await expect(m.page.getByTestId("fac-current-step")).toHaveText("Wrap-up");
  await expect(fran.page.getByTestId("fac-ready")).toHaveText("0 done");

  // ---- 15. Outcomes: summary, a decision from the vote, owners, actions, the health scorecard ---
  // a. Fran writes the vision and the expected outcomes; Eli and Vic see them live.
  await fran.page.getByTestId("summary-vision").fill("Become the platform enterprises trust");
  await fran.page.getByTestId("summary-vision").press("Enter");
  await fran.page.getByTestId("summary-outcomes").fill("10 enterprise customers by 2027-Q4");
  await fran.page.getByTestId("summary-outcomes").blur();
  await expect(eli.page.getByTestId("summary-vision")).toHaveValue("Become the platform enterprises trust");
  await expect(vic.page.getByTestId("summary-outcomes")).toHaveText("10 enterprise customers by 2027-Q4");
  // b. ADR-001 from the revealed vote: accepted, with the secret vote's dissent as a count.
  await fran.page.getByTestId("decision-from-vote").click();
  await expect(fran.page.getByTestId("decision-title-1")).toHaveValue("RBAC");
  await fran.page.getByTestId("decision-title-1").fill("Build RBAC first");
  await fran.page.getByTestId("decision-title-1").press("Enter");
  await fran.page.getByTestId("decision-status-1").selectOption("accepted");
  await fran.page.getByTestId("decision-dissent-kind-1").selectOption("anonymous");
  await fran.page.getByTestId("decision-dissent-note-1").fill("Sales wanted SSO first");
  await fran.page.getByTestId("decision-dissent-note-1").blur();
  await expect(vic.page.getByTestId("decision-status-pill-1")).toHaveText(/accepted/i);
  await expect(fran.page.getByTestId("decision-evidence-1")).toContainText("RBAC");
  await expect(fran.page.getByTestId("decision-history-1")).toContainText("accepted");
  // c. Owners: RBAC to Eli, due 2027-Q1; the theme to Fran.
  await fran.page.getByTestId(`plan-${rbacOnMatrix}-owner`).fill("Eli Editor");
  await fran.page.getByTestId(`plan-${rbacOnMatrix}-owner`).press("Enter");
  await fran.page.getByTestId(`plan-${rbacOnMatrix}-due`).selectOption("2027-Q1");
  await fran.page.getByTestId(`theme-plan-${themeId}-owner`).fill("Fran (facilitator)");
  await fran.page.getByTestId(`theme-plan-${themeId}-owner`).press("Enter");
  // A viewer sees owner and due as text.
  await expect(vic.page.getByTestId(`plan-${rbacOnMatrix}`)).toContainText("Eli Editor");
  await expect(vic.page.getByTestId(`plan-${rbacOnMatrix}`)).toContainText("2027-Q1");
  // d. Two actions by Eli: one typed, one from the Audit log note selected on his canvas.
  await eli.page.getByTestId("action-text").fill("Draft the RBAC role model");
  await eli.page.getByTestId("action-new-owner").fill("Eli Editor");
  await eli.page.getByTestId("action-add").click();
  await fitAll(eli.page);
  await clickOutline(eli.page, auditOnMatrix);
  await eli.page.getByTestId("action-from-note").click();
  await expect(eli.page.getByTestId("action-text")).toHaveValue("Audit log");
  await eli.page.getByTestId("action-add").click();
  await expect(vic.page.getByTestId("actions").locator("li")).toHaveCount(2);
  // e. The health scorecard: inserted beside the theme map, rated alone by Eli and Vic, accepted,
  //    and its weak dimension carried into the SWOT's weaknesses.
  await scrollRightTo(fran.page, themeFrame.x + themeFrame.width * 1.5 + 200);
  await fran.page.getByLabel("template kind").selectOption("health-scorecard");
  await fran.page.getByRole("button", { name: "Insert here" }).click();
  await expect.poll(async () => (await kinds(vic.page)).includes("health-scorecard")).toBe(true);
  await fran.page.getByTestId("health-evidence-security").fill("No audit trail; SSO is a spreadsheet");
  await fran.page.getByTestId("health-evidence-security").blur();
  await fran.page.getByTestId("open-rating").click();
  for (const [m, rating] of [[eli, 2], [vic, 1]] as const) {
    await m.page.getByTestId(`my-rating-security-${rating}`).click();
    await expect(m.page.getByTestId(`my-rating-security-${rating}`)).toHaveAttribute("aria-pressed", "true");
  }
  await expect(fran.page.getByTestId("fac-raters")).toContainText("2");
  await expect(vic.page.getByTestId("rating-result-security")).toHaveCount(0);
  await fran.page.getByTestId("reveal-ratings").click();
  await expect(vic.page.getByTestId("rating-result-security")).toHaveAttribute("data-mean", "1.5");
  // The reveal is snapshotted (issue 16) and Fran's open history list shows it within seconds, not at its
  // 15 s poll: it re-reads after every moment the server snapshots.
  await expect(fran.page.locator('[data-testid="history-panel"] li[data-trigger="rating-reveal"]')).toHaveCount(1, { timeout: 5_000 });
  await fran.page.getByTestId("accept-rating-security").click();
  await expect(vic.page.getByTestId("scorecard-row-security")).toHaveAttribute("data-rating", "2");
  await fran.page.getByTestId("end-rating").click();
  await eli.page.getByTestId("carry-swot-security").click();
  await expect(fran.page.getByTestId("on-swot-security")).toBeVisible();
  await expect(vic.page.getByTestId("swot-zone-weaknesses")).toContainText("Security");
  for (const [testId, name] of [
    ["summary-panel", "panel-summary"],
    ["decisions-panel", "panel-decisions"],
    ["actions-panel", "panel-actions"],
    ["scorecard-panel", "panel-health"],
  ] as const) {
    await panelShot(fran.page, testId, name);
  }

  // ---- 15b. Comments (issue 16): a thread on RBAC, Eli's reply mentions Fran, Fran resolves it ---
  await commentThreadOnNote(fran, eli, rbacOnMatrix, "Why RBAC before SSO?");

  // ---- 16. Exports: the brief and the CSV from Fran's panel ------------------------------------
  const download = async (name: string) => {
    const [file] = await Promise.all([fran.page.waitForEvent("download"), fran.page.getByRole("button", { name }).click()]);
    return readFile(await file.path(), "utf8");
  };
  const brief = await download("Strategy brief (.md)");
  expect(brief).toContain("# Strategy brief: Q3 platform strategy offsite");
  expect(brief).toContain("Ship the platform before the competitor does");
  expect(brief).toContain("### 1. Enterprise-ready platform");
  const rbacRow = brief.split("\n").find((line) => line.includes("| RBAC |")) ?? "";
  expect(rbacRow, "RBAC in the ranked table").toContain("Enterprise-ready platform");
  // Every outcome of step 15 is in the brief.
  for (const expected of [
    "Become the platform enterprises trust",
    "10 enterprise customers by 2027-Q4",
    "ADR-001",
    "Build RBAC first",
    "Sales wanted SSO first",
    "Draft the RBAC role model",
    "No audit trail; SSO is a spreadsheet",
    "2027-Q1",
    "Eli Editor",
    "Vic Viewer",
  ]) {
    expect(brief, `the brief has "${expected}"`).toContain(expected);
  }
  const csv = await download("Scores (.csv)");
  // The author column is filled: Eli wrote RBAC.
  expect(csv.split(/\r?\n/).find((line) => line.includes("Strong platform team"))).toContain("Eli Editor");
  const header = csv.split(/\r?\n/)[0] ?? "";
  expect(header).toContain("votes");
  expect(csv.split(/\r?\n/).find((line) => line.includes("RBAC") && line.includes("Enterprise-ready platform"))).toBeTruthy();

  // ---- 17. Reload and an offline edit that merges ------------------------------------------------
  const countOn = (page: Page) => page.evaluate(() => window.__quadrantBoard?.docElementCount() ?? 0);
  const before = await countOn(fran.page);
  // The reload's socket is opened by board-early.js before the bundle loads, and the session
  // adopts it (issue 17): one socket for the page, not a second one once the code has loaded.
  const sockets: string[] = [];
  const onSocket = (socket: { url(): string }) => sockets.push(socket.url());
  eli.page.on("websocket", onSocket);
  await eli.page.reload();
  await ready(eli.page);
  await expect.poll(() => countOn(eli.page)).toBe(before);
  eli.page.off("websocket", onSocket);
  expect(sockets).toHaveLength(1);
  expect(sockets[0]).toContain(`/ws/${new URL(eli.page.url()).pathname.split("/")[2]}?`);
  await eli.context.setOffline(true);
  await expect(eli.page.getByTestId("connection-status")).not.toHaveAttribute("data-status", "connected");
  await quickNote(eli.page, "Written offline");
  await quickNote(fran.page, "Written online meanwhile");
  await eli.context.setOffline(false);
  await ready(eli.page);
  for (const m of everyone) {
    await expect.poll(async () => (await texts(m.page)).map((t) => t.text).join("\n")).toContain("Written offline");
    await expect.poll(async () => (await texts(m.page)).map((t) => t.text).join("\n")).toContain("Written online meanwhile");
  }

  // ---- 18. History: a checkpoint, the matrix wrecked, restored from the History panel (#16) -------
  await historyRestoresMatrix(fran.page, eli.page, matrix.frameId, [rbacOnMatrix, auditOnMatrix], screenshots);

  test.info().annotations.push({ type: "elapsed", description: `${Math.round((Date.now() - started) / 1000)} s in all` });
  expect(consoleErrors, "console errors").toEqual([]);
});
