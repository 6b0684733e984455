import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "../fixtures";
import { clickNote, dragNoteTo } from "../template-gestures";

type Positions = Record<string, { x: number; y: number } | null>;

/** Where each note is on this person's canvas (null: not there), through the read-only hook. */
async function positionsOn(page: Page, ids: readonly string[]): Promise<Positions> {
  const elements = await page.evaluate(() => window.__quadrantBoard?.sceneElements() ?? []);
  return Object.fromEntries(ids.map((id) => {
    const element = elements.find((e) => e.id === id);
    return [id, element ? { x: Math.round(element.x), y: Math.round(element.y) } : null];
  }));
}

/**
 * Issue #16, board history: the facilitator names a checkpoint, the matrix is wrecked through the
 * UI (one note dragged away, one deleted), and the facilitator restores the checkpoint from the
 * History panel; the other person's canvas shows the matrix as it was, without a reload.
 * `notes`: two notes on the matrix whose frame is `frameId`; `screenshots`: where the panel's picture goes.
 */
export async function historyRestoresMatrix(facilitator: Page, other: Page, frameId: string, notes: readonly string[], screenshots: string): Promise<void> {
  const [moved, deleted] = notes;
  if (!moved || !deleted) throw new Error("historyRestoresMatrix needs two notes");
  // The facilitator brings the matrix into view from the Outline panel.
  await facilitator.getByTestId(`outline-go-${frameId}`).click();
  const panel = facilitator.getByTestId("history-panel");
  await panel.scrollIntoViewIfNeeded();
  await facilitator.getByTestId("history-checkpoint-name").fill("Before lunch");
  await facilitator.getByTestId("history-checkpoint-button").click();
  await expect(facilitator.getByTestId("history-status")).toHaveText("Checkpoint “Before lunch” saved.");
  const checkpoint = panel.locator("li[data-trigger=checkpoint]", { hasText: "Before lunch" });
  await expect(checkpoint).toHaveCount(1);
  const before = await positionsOn(other, notes);
  expect(Object.values(before).every((p) => p !== null), "the notes are on the other canvas").toBe(true);

  // Wreck the matrix: drag one note into the opposite quadrant, delete another.
  const frame = await facilitator.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, frameId);
  const note = await facilitator.evaluate((id) => window.__quadrantTemplates?.docRect(id) ?? null, moved);
  if (!frame || !note) throw new Error("the matrix or the note is not on the board");
  const left = note.x + note.width / 2 < frame.x + frame.width / 2;
  const top = note.y + note.height / 2 < frame.y + frame.height / 2;
  await dragNoteTo(facilitator, moved, frame.x + frame.width * (left ? 0.78 : 0.22), frame.y + frame.height * (top ? 0.78 : 0.22));
  await clickNote(facilitator, deleted);
  await facilitator.keyboard.press("Delete");
  await expect.poll(async () => (await positionsOn(other, [deleted]))[deleted]).toBeNull();
  await expect.poll(async () => (await positionsOn(other, [moved]))[moved]).not.toEqual(before[moved]);

  // Open the checkpoint: read-only beside the live board, with what changed since.
  await checkpoint.getByTestId("history-open").click();
  const preview = facilitator.getByTestId("history-preview");
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId("history-preview-svg")).toBeVisible();
  await expect(preview.getByTestId("history-diff")).toHaveAttribute("data-removed", "1");
  await expect(preview.getByTestId("history-diff")).toHaveAttribute("data-moved", "1");
  await expect(preview.getByTestId("history-diff")).toContainText("1 moved");
  await facilitator.screenshot({ path: path.join(screenshots, "history-panel.png") });

  // Restore, confirmed; everyone converges without a reload.
  await preview.getByTestId("history-restore").click();
  await expect(preview.getByTestId("history-confirm")).toBeVisible();
  await preview.getByTestId("history-restore-confirm").click();
  await expect(facilitator.getByTestId("history-status")).toContainText("Restored “Before lunch” for everyone");
  await expect(preview).toHaveCount(0);
  for (const page of [other, facilitator]) {
    await expect.poll(() => positionsOn(page, notes), { message: "the matrix as it was at the checkpoint" }).toEqual(before);
  }
  // The wrecked board is itself kept in history.
  await expect(panel.locator("li[data-trigger=before-restore]", { hasText: "Before restore of “Before lunch”" })).toHaveCount(1);
}
