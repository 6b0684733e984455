import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Parts of Excalidraw's own DOM that axe flags and that cannot be fixed from outside the
 * package, each excluded by its exact selector. Our own markup is never excluded.
 */
const EXCALIDRAW_EXCLUSIONS: string[] = [
  // The hamburger that opens Excalidraw's main menu: an icon-only <button> it renders without an
  // aria-label (button-name). Its markup is internal to <Excalidraw>; no prop names it.
  ".excalidraw .main-menu-trigger",
  // The zoom percentage ("100%") whose aria-label is "Reset zoom" (label-content-name-mismatch),
  // inside Excalidraw's footer; no prop changes its label.
  ".excalidraw .reset-zoom-button",
];

/** axe-core (run offline from node_modules) finds no serious or critical violation on the page. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of EXCALIDRAW_EXCLUSIONS) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(serious, `axe on ${where}`).toEqual([]);
}
