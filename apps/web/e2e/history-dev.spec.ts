import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, link, test } from "./fixtures";
import { createBoard, quickNote, waitForTemplates } from "./template-gestures";
import { historyRestoresMatrix } from "./steps/history";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/screenshots");

test("dev: history restore", async ({ people, request }) => {
  test.setTimeout(240_000);
  const board = await createBoard(request, "impact-effort", "History dev");
  const ana = await people.join("Ana Alvarez", "#e03131");
  const ben = await people.join("Ben Brooks", "#1971c2");
  for (const [p, role] of [[ana.page, "facilitator"], [ben.page, "editor"]] as const) {
    p.on("pageerror", (e) => console.log("PAGEERROR", e.message));
    await p.goto(link(board, role));
    await expect(p.getByTestId("board-canvas")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
    await expect(p.getByTestId("connection-status")).toHaveAttribute("data-status", "connected", { timeout: 30_000 });
    await waitForTemplates(p, 1);
  }
  const a = await quickNote(ana.page, "Alpha");
  const b = await quickNote(ana.page, "Beta");
  await historyRestoresMatrix(ana.page, ben.page, [a, b], screenshots);
});
