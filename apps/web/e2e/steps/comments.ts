import type { Page } from "@playwright/test";
import { expect, fitAll } from "../fixtures";
import { toPage } from "../template-gestures";

/** Someone in a multi-browser test: their display name and their page. */
export interface Commenter {
  name: string;
  page: Page;
}

/** Where to click to comment on an element: a little inside its top-left corner, in page pixels. */
async function pointOn(page: Page, elementId: string): Promise<{ x: number; y: number }> {
  const rect = await page.evaluate((id) => window.__quadrantTemplates?.sceneRect(id) ?? null, elementId);
  if (!rect) throw new Error(`${elementId} is not on the canvas`);
  return toPage(page, rect.x + rect.width * 0.8, rect.y + rect.height * 0.3);
}

const unreadBadge = (page: Page) => page.getByTestId("comments-toggle").getByTestId("comments-unread");

/**
 * Issue 16, comments across two browsers through the UI: `first` starts a thread on a note in
 * comment mode; `second` sees the unread badge, opens the thread from the Comments list and replies
 * with an @mention picked from the autocomplete; `first` sees the mention, resolves the thread;
 * `second` sees it resolved and listed under Resolved. Returns the thread id.
 */
export async function commentThreadOnNote(first: Commenter, second: Commenter, noteId: string, question: string): Promise<string> {
  // 1. First: comment mode with C, a click on the note, the question.
  await fitAll(first.page);
  const at = await pointOn(first.page, noteId);
  await first.page.keyboard.press("c");
  await expect(first.page.getByTestId("comment-mode")).toHaveAttribute("aria-pressed", "true");
  await expect(first.page.getByTestId("comment-mode-hint")).toBeVisible();
  await first.page.mouse.click(at.x, at.y);
  await expect(first.page.getByTestId("comment-new")).toContainText("On the note");
  await first.page.getByTestId("comment-new-field").fill(question);
  await first.page.getByTestId("comment-new-field-send").click();
  const thread = first.page.getByTestId("comment-thread");
  await expect(thread).toContainText(question);
  const threadId = (await thread.getAttribute("data-thread")) ?? "";
  expect(threadId).not.toBe("");
  const pin = (page: Page) => page.locator(`[data-testid="comment-pin"][data-thread="${threadId}"]`);
  await expect(pin(first.page)).toHaveAttribute("data-anchor", noteId);
  await thread.getByTestId("comment-close").click();

  // 2. Second: the unread badge, the thread from the list, a reply mentioning First.
  await expect(unreadBadge(second.page)).toHaveText("1");
  await second.page.getByTestId("comments-toggle").click();
  const item = second.page.locator(`[data-testid="comments-item"][data-thread="${threadId}"]`);
  await expect(item).toContainText(question);
  await item.click();
  const secondThread = second.page.getByTestId("comment-thread");
  await expect(secondThread).toContainText(question);
  // Opening it marks it read on the server.
  await expect(unreadBadge(second.page)).toHaveCount(0);
  const reply = secondThread.getByTestId("comment-reply");
  await reply.click();
  await reply.pressSequentially(`Good question @${first.name.slice(0, 3)}`);
  const choice = second.page.getByTestId("mention-choices").getByRole("option", { name: first.name });
  await choice.click();
  await reply.pressSequentially("the owners agreed on it this morning");
  await reply.press("Enter");
  await expect(secondThread.getByTestId("comment-message")).toHaveCount(2);
  await expect(secondThread.locator(".comment-mention")).toHaveText(`@${first.name}`);

  // 3. First: the pin says "mentioned"; the reply is highlighted; First resolves.
  await expect(pin(first.page).getByTestId("comment-pin-unread")).toHaveText("@");
  await pin(first.page).click();
  const firstThread = first.page.getByTestId("comment-thread");
  const mentioned = firstThread.locator(".comment-message.mentions-me");
  await expect(mentioned).toContainText("the owners agreed on it this morning");
  await expect(mentioned.locator(".comment-mention")).toHaveText(`@${first.name}`);
  await firstThread.getByTestId("comment-resolve").click();
  await expect(firstThread).toHaveAttribute("data-resolved", "true");
  await firstThread.getByTestId("comment-close").click();
  await expect(pin(first.page)).toHaveCount(0);

  // 4. Second: resolved live, and listed under Resolved.
  await expect(secondThread).toHaveAttribute("data-resolved", "true");
  await expect(secondThread.getByTestId("comment-resolved-by")).toContainText(first.name);
  await secondThread.getByTestId("comment-close").click();
  await expect(second.page.locator(`[data-testid="comments-item"][data-thread="${threadId}"]`)).toHaveCount(0);
  await second.page.getByTestId("comments-filter-resolved").click();
  await expect(second.page.locator(`[data-testid="comments-item"][data-thread="${threadId}"]`)).toContainText("resolved by");
  await second.page.getByTestId("comments-panel-close").click();
  return threadId;
}
