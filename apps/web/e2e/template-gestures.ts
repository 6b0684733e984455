import type { APIRequestContext, Page } from "@playwright/test";
import type { NoteView } from "@quadrant/templates";
import { type CreatedBoard, type Person, expect, link, openBoard } from "./fixtures";

/**
 * What the template specs do on a board, the way a person does it (real mouse,
 * the panel's quick-note field) and read back through the page's test hooks.
 */

export async function createBoard(request: APIRequestContext, template: string, title: string): Promise<CreatedBoard> {
  const r = await request.post("/api/boards", { data: { title, template } });
  expect(r.status()).toBe(201);
  return (await r.json()) as CreatedBoard;
}

/** The board's exports as the server computes them (`role`'s token). */
export async function serverExport(request: APIRequestContext, board: CreatedBoard, format: string, role: "editor" | "facilitator" = "editor"): Promise<string> {
  const r = await request.get(`/api/boards/${board.id}/export?format=${format}`, {
    headers: { authorization: `Bearer ${board.tokens[role]}` },
  });
  expect(r.status()).toBe(200);
  return r.text();
}

export async function notes(page: Page): Promise<NoteView[]> {
  return page.evaluate(() => window.__quadrantTemplates?.view().notes ?? []);
}

export async function templates(page: Page): Promise<Array<{ id: string; kind: string; frameId: string }>> {
  return page.evaluate(() => window.__quadrantTemplates?.view().templates.map((t) => ({ id: t.id, kind: t.kind, frameId: t.frameId })) ?? []);
}

export async function waitForTemplates(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await templates(page)).length).toBe(count);
  // First open frames the template once (after the initial sync); coordinates are read after that.
  await expect(page.getByTestId("board-canvas")).toHaveAttribute("data-initial-view", "fitted");
}

/** Adds a sticky through the quick-note field and returns its id once the page's doc has it. */
export async function quickNote(page: Page, text: string): Promise<string> {
  await page.getByTestId("quick-note").fill(text);
  await page.getByTestId("quick-note").press("Enter");
  let id = "";
  await expect
    .poll(async () => {
      id = (await notes(page)).find((n) => n.text === text && n.origin === null)?.id ?? "";
      return id;
    })
    .not.toBe("");
  return id;
}

/** Scene point → page point, through the page's own view. */
export async function toPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(([sx, sy]) => window.__quadrantTemplates?.toPage(sx ?? 0, sy ?? 0) ?? null, [x, y]);
  if (!at) throw new Error("no scene");
  return at;
}

/** Clicks the middle of an element with the real mouse (to vote, pick or select it). */
export async function clickNote(page: Page, id: string): Promise<void> {
  const rect = await page.evaluate((noteId) => window.__quadrantTemplates?.sceneRect(noteId) ?? null, id);
  if (!rect) throw new Error(`${id} is not on the canvas`);
  const at = await toPage(page, rect.x + rect.width / 2, rect.y + rect.height / 2);
  await page.mouse.click(at.x, at.y);
}

/** Drags a note with the real mouse so its centre lands on the scene point (x, y). */
export async function dragNoteTo(page: Page, noteId: string, x: number, y: number): Promise<void> {
  await expect.poll(async () => (await page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? [])).some((e) => e.id === noteId)).toBe(true);
  const rect = await page.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, noteId);
  if (!rect) throw new Error("note not in the document");
  // grab the sticky near its top edge (35 scene units above its centre, whatever the zoom): the middle is its text
  const grab = 35;
  const from = await toPage(page, rect.x + rect.width / 2, rect.y + rect.height / 2 - grab);
  const to = await toPage(page, x, y - grab);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  // The binding writes a drag to the document throttled; wait for the drop itself, not a step on the way.
  await expect
    .poll(() =>
      page.evaluate((id) => {
        const onCanvas = window.__quadrantBoard?.sceneElements().find((e) => e.id === id);
        const inDoc = window.__quadrantTemplates?.docRect(id);
        return onCanvas !== undefined && inDoc !== null && inDoc !== undefined && onCanvas.x === inDoc.x && onCanvas.y === inDoc.y;
      }, noteId),
    )
    .toBe(true);
}

/**
 * The usual cast of a template test: a board of `template`, Ana on the facilitator
 * link and Ben on the editor link, both with the template framed on screen.
 */
export async function anaAndBenOn(
  people: { join(name: string, color?: string): Promise<Person> },
  request: APIRequestContext,
  template: string,
  title: string,
  open: (page: Page, path: string) => Promise<void> = openBoard,
): Promise<{ board: CreatedBoard; ana: Person; ben: Person }> {
  const board = await createBoard(request, template, title);
  const ana = await people.join("Ana Alvarez", "#e03131");
  const ben = await people.join("Ben Brooks", "#1971c2");
  await open(ana.page, link(board, "facilitator"));
  await waitForTemplates(ana.page, 1);
  await open(ben.page, link(board, "editor"));
  await waitForTemplates(ben.page, 1);
  return { board, ana, ben };
}
