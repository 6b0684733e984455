import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, link, openBoard, test } from "./fixtures";
import type { NoteView } from "@quadrant/templates";
import { anaAndBenOn, createBoard, dragNoteTo, notes, quickNote, serverExport, templates, toPage, waitForTemplates } from "./template-gestures";

/**
 * Issue 4 behaviours the other template specs leave out: carrying SWOT items and theme
 * initiatives into an impact/effort matrix (RULE 16), with their origin on the other
 * person's screen and in the server's brief; and the PNG/SVG image export of one template.
 */

async function frameOf(page: Page, kind: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const frameId = (await templates(page)).find((t) => t.kind === kind)?.frameId ?? "";
  const rect = await page.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, frameId);
  if (!rect) throw new Error(`no ${kind} frame in the document`);
  return rect;
}

/** Frames the whole board (all templates and the carry column) so every note can be dragged. */
async function fitAll(page: Page): Promise<void> {
  await page.evaluate(() => window.__quadrantTemplates?.fit());
  await page.evaluate(() => window.__quadrantBoard?.nextFrame());
}

/**
 * Scrolls the view with the mouse wheel until its centre is at scene x ≥ `sceneX`, then
 * inserts an impact/effort matrix there with the panel's "Insert here": beside the first
 * template, not on top of it.
 */
async function insertMatrixRightOf(page: Page, sceneX: number): Promise<void> {
  const canvas = await page.locator("canvas.interactive").boundingBox();
  if (!canvas) throw new Error("no canvas");
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  await page.mouse.move(centre.x, centre.y);
  await expect(async () => {
    const origin = await toPage(page, 0, 0);
    const zoom = (await toPage(page, 1, 0)).x - origin.x;
    const atCentre = (centre.x - origin.x) / zoom;
    if (atCentre < sceneX) await page.mouse.wheel((sceneX + 100 - atCentre) * zoom, 0);
    await page.evaluate(() => window.__quadrantBoard?.nextFrame());
    const after = await toPage(page, 0, 0);
    expect((centre.x - after.x) / zoom).toBeGreaterThanOrEqual(sceneX);
  }).toPass({ timeout: 5_000 });
  await page.getByLabel("template kind").selectOption("impact-effort");
  await page.getByRole("button", { name: "Insert here" }).click();
}

const cells = (line: string) => line.slice(2, -2).split(" | ").map((c) => c.trim());

/** The brief's ranked-initiatives row of one note: its cells, trimmed ("" when not listed). */
function briefRow(md: string, text: string): string[] {
  const line = md.split("\n").find((l) => /^\| \d+ \| /.test(l) && l.split(" | ")[1] === text);
  return line ? cells(line) : [];
}

/** One cell of that row, by the table's column name (the brief gains columns over time). */
function briefCell(md: string, text: string, column: string): string | undefined {
  const header = md.split("\n").find((l) => l.startsWith("| # | Initiative |"));
  return header ? briefRow(md, text)[cells(header).indexOf(column)] : undefined;
}

test("carry: B sends a SWOT threat to the matrix, A sees the new note with its origin, places it; the brief names the origin", async ({ people, request }) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "swot", "Carry SWOT");

  const threat = await quickNote(ana.page, "New competitor");
  await dragNoteTo(ben.page, threat, 850, 600);
  const strength = await quickNote(ana.page, "Loyal customers");
  await dragNoteTo(ana.page, strength, 250, 250);
  const threatItem = ben.page.getByTestId("swot-zone-threats").getByTestId(`swot-item-${threat}`);
  await expect(threatItem).toBeVisible();
  await expect(ben.page.getByTestId("swot-zone-strengths").getByTestId(`swot-item-${strength}`)).toBeVisible();
  // nothing to send to while the board has no matrix
  await expect(threatItem.getByRole("button", { name: "→ matrix" })).toHaveCount(0);

  const swot = await frameOf(ana.page, "swot");
  await insertMatrixRightOf(ana.page, swot.x + swot.width + 700);
  await waitForTemplates(ben.page, 2);
  const matrix = await frameOf(ben.page, "impact-effort");
  expect(matrix.x).toBeGreaterThan(swot.x + swot.width);

  await threatItem.getByRole("button", { name: "→ matrix" }).click();
  let carried: NoteView | undefined;
  await expect
    .poll(async () => {
      carried = (await notes(ana.page)).find((n) => n.origin?.noteId === threat);
      return carried && { text: carried.text, origin: carried.origin?.label, kind: carried.origin?.templateKind, on: carried.templateId };
    })
    .toEqual({ text: "New competitor", origin: "Threats", kind: "swot", on: null });
  const carriedId = carried?.id ?? "";
  const all = await notes(ana.page);
  // one new note; the strength was not sent, and the threat itself stays in the SWOT
  expect(all.filter((n) => n.origin !== null)).toHaveLength(1);
  expect(all.find((n) => n.id === threat)?.zoneName).toBe("Threats");
  expect(carried?.origin?.templateId).toBe((await templates(ana.page)).find((t) => t.kind === "swot")?.id);
  // parked in a column just right of the matrix, unplaced until the group drags it in
  const parked = await ana.page.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, carriedId);
  expect(parked?.x).toBeGreaterThan(matrix.x + matrix.width);
  expect(parked?.y).toBeGreaterThanOrEqual(matrix.y);
  await expect(ana.page.getByTestId("matrix-panel")).toContainText("Waiting to be placed: New competitor (from Threats)");
  await expect(ana.page.getByTestId("swot-zone-threats").getByTestId(`swot-item-${threat}`)).toBeVisible();

  // A drags the carried note into Quick Wins; both panels list it with where it came from
  await fitAll(ana.page);
  await dragNoteTo(ana.page, carriedId, matrix.x + matrix.width * 0.2, matrix.y + matrix.height * 0.25);
  for (const page of [ana.page, ben.page]) {
    const row = page.getByTestId(`matrix-row-${carriedId}`);
    await expect(row).toHaveAttribute("data-quadrant", "Quick Wins");
    await expect(row.locator(".note-meta")).toContainText("from Threats");
  }
  await expect(ana.page.getByTestId("matrix-panel")).not.toContainText("Waiting to be placed");

  await expect.poll(async () => briefRow(await serverExport(request, board, "md", "facilitator"), "New competitor")[2]).toBe("Quick Wins");
  const md = await serverExport(request, board, "md", "facilitator");
  const row = briefRow(md, "New competitor");
  expect(row[0]).toBe("1");
  expect(briefCell(md, "New competitor", "Origin")).toBe("SWOT: Threats");
  // the source is still a threat in the brief's SWOT
  expect(md).toContain("**Threats**\n\n- New competitor");
  expect(briefRow(md, "Loyal customers")).toEqual([]);
});

test("carry: B sends a theme's initiatives to the matrix, A sees them stacked beside it with the theme as origin; the brief has theme and origin", async ({
  people,
  request,
}) => {
  const { board, ana, ben } = await anaAndBenOn(people, request, "theme-map", "Carry themes");

  const rbac = await quickNote(ana.page, "RBAC");
  await dragNoteTo(ana.page, rbac, 300, 300);
  const audit = await quickNote(ana.page, "Audit log");
  await dragNoteTo(ana.page, audit, 300, 500);
  const dark = await quickNote(ana.page, "Dark mode");
  await dragNoteTo(ana.page, dark, 900, 650);
  await expect(ben.page.getByTestId("unthemed")).toContainText("Dark mode");

  // B selects RBAC and Audit log on his canvas (click, shift-click their top edges) and makes a theme
  await fitAll(ben.page);
  for (const [id, shift] of [
    [rbac, false],
    [audit, true],
  ] as const) {
    const r = await ben.page.evaluate((noteId) => window.__quadrantTemplates?.docRect(noteId) ?? null, id);
    if (!r) throw new Error("note not in the document");
    const at = await toPage(ben.page, r.x + r.width / 2, r.y + r.height / 2 - 35);
    if (shift) await ben.page.keyboard.down("Shift");
    await ben.page.mouse.click(at.x, at.y);
    if (shift) await ben.page.keyboard.up("Shift");
  }
  await ben.page.getByTestId("theme-from-selection").click();
  let themeId = "";
  await expect
    .poll(async () => {
      const v = await ana.page.evaluate(() => window.__quadrantTemplates?.view().themes.map((t) => ({ id: t.theme.id, notes: t.notes.map((n) => n.text) })) ?? []);
      themeId = v[0]?.id ?? "";
      return v[0]?.notes;
    })
    .toEqual(["Audit log", "RBAC"]);
  await ana.page.getByTestId(`theme-name-${themeId}`).fill("Enterprise-ready platform");
  await ana.page.getByTestId(`theme-name-${themeId}`).press("Enter");
  const sendButton = (page: Page) => page.getByTestId(`theme-${themeId}`).getByRole("button", { name: "Send initiatives to the matrix" });
  await expect(sendButton(ben.page)).toHaveCount(0);

  const map = await frameOf(ana.page, "theme-map");
  await insertMatrixRightOf(ana.page, map.x + map.width + 700);
  await waitForTemplates(ben.page, 2);
  const matrix = await frameOf(ben.page, "impact-effort");
  expect(matrix.x).toBeGreaterThan(map.x + map.width);
  await expect(ben.page.getByTestId(`theme-${themeId}`)).toContainText("Enterprise-ready platform");

  await sendButton(ben.page).click();
  let carried: NoteView[] = [];
  await expect
    .poll(async () => {
      carried = (await notes(ana.page)).filter((n) => n.origin !== null);
      return carried.map((n) => [n.text, n.origin?.templateKind, n.origin?.label, n.templateId]).sort();
    })
    .toEqual([
      ["Audit log", "theme-map", "Enterprise-ready platform", null],
      ["RBAC", "theme-map", "Enterprise-ready platform", null],
    ]);
  expect(carried.map((n) => n.origin?.noteId).sort()).toEqual([rbac, audit].sort());
  // stacked in one column right of the matrix, one below the other
  const rects = await ana.page.evaluate((ids) => ids.map((id) => window.__quadrantTemplates?.docRect(id) ?? null), carried.map((n) => n.id));
  const [first, second] = rects;
  if (!first || !second) throw new Error("carried notes not in the document");
  expect(first.x).toBe(second.x);
  expect(first.x).toBeGreaterThan(matrix.x + matrix.width);
  expect(Math.abs(first.y - second.y)).toBeGreaterThanOrEqual(first.height);
  const panel = ana.page.getByTestId("matrix-panel");
  await expect(panel).toContainText("RBAC (from Enterprise-ready platform)");
  await expect(panel).toContainText("Audit log (from Enterprise-ready platform)");
  // the sources stay in the theme
  await expect(ana.page.getByTestId(`theme-notes-${themeId}`)).toContainText("RBAC");

  // A drags carried RBAC into Big Bets (high impact, high effort)
  const carriedRbac = carried.find((n) => n.text === "RBAC")?.id ?? "";
  await fitAll(ana.page);
  await dragNoteTo(ana.page, carriedRbac, matrix.x + matrix.width * 0.8, matrix.y + matrix.height * 0.2);
  await expect(ben.page.getByTestId(`matrix-row-${carriedRbac}`)).toHaveAttribute("data-quadrant", "Big Bets");
  await expect(ben.page.getByTestId(`matrix-row-${carriedRbac}`).locator(".note-meta")).toContainText("from Enterprise-ready platform");
  await expect(ana.page.getByTestId("matrix-panel")).toContainText("Waiting to be placed: Audit log (from Enterprise-ready platform)");

  await expect.poll(async () => briefRow(await serverExport(request, board, "md", "facilitator"), "RBAC")[2]).toBe("Big Bets");
  const brief = await serverExport(request, board, "md", "facilitator");
  expect([briefCell(brief, "RBAC", "Theme"), briefCell(brief, "RBAC", "Origin")]).toEqual(["Enterprise-ready platform", "Theme map: Enterprise-ready platform"]);
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SVG_NAMESPACES = new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]);

test("image export: the matrix frame as PNG and SVG, with its zone labels and notes, and nothing fetched from elsewhere", async ({ people, request }) => {
  const board = await createBoard(request, "impact-effort", "Image export");
  const ana = await people.join("Ana Alvarez", "#e03131");
  await openBoard(ana.page, link(board, "facilitator"));
  await waitForTemplates(ana.page, 1);
  // "&" and "<" must come out escaped for the SVG to stay well-formed
  const text = "R&D <budget>";
  const id = await quickNote(ana.page, text);
  await dragNoteTo(ana.page, id, 150, 150);
  await expect(ana.page.getByTestId(`matrix-row-${id}`)).toHaveAttribute("data-quadrant", "Quick Wins");
  const frame = await frameOf(ana.page, "impact-effort");
  await ana.page.getByLabel("image area").selectOption({ label: "Impact / Effort" });

  const [png] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "PNG" }).click()]);
  expect(png.suggestedFilename()).toBe("Image-export.png");
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  // the frame (1200×900 scene units) at an export scale of 1–3, padding at most a few dozen pixels
  expect(width).toBeGreaterThanOrEqual(frame.width);
  expect(width).toBeLessThanOrEqual(frame.width * 3 + 100);
  expect(Math.abs(width / height - frame.width / frame.height)).toBeLessThan(0.05);
  // the browser decodes it to the same size, and it is not one flat colour
  const decoded = await ana.page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0);
    const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < pixels.length && colours.size < 50; i += 4 * 97) colours.add(((pixels[i] ?? 0) << 16) | ((pixels[i + 1] ?? 0) << 8) | (pixels[i + 2] ?? 0));
    return { width: bitmap.width, height: bitmap.height, colours: colours.size };
  }, bytes.toString("base64"));
  expect(decoded).toEqual({ width, height, colours: expect.any(Number) });
  expect(decoded?.colours).toBeGreaterThan(2);

  const [svgFile] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("button", { name: "SVG" }).click()]);
  expect(svgFile.suggestedFilename()).toBe("Image-export.svg");
  const svg = await readFile(await svgFile.path(), "utf8");
  const urls = [...svg.matchAll(/https?:\/\/[^\s"'()<>]+/g)].map((m) => m[0]);
  expect(urls.filter((u) => !SVG_NAMESPACES.has(u)), "the SVG refers to something outside itself").toEqual([]);
  // a real XML parser: well-formed, an <svg> root, and the labels and note as text
  const parsed = await ana.page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "image/svg+xml");
    const error = doc.getElementsByTagName("parsererror")[0];
    return {
      error: error ? (error.textContent ?? "parse error") : null,
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      texts: [...doc.getElementsByTagName("text")].map((t) => t.textContent ?? ""),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe("svg");
  expect(parsed.namespace).toBe("http://www.w3.org/2000/svg");
  for (const label of ["Quick Wins", "Big Bets", "Nice to Have", "Time Sinks", text]) expect(parsed.texts).toContain(label);
});
