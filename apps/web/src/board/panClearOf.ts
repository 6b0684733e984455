/** A rectangle in screen (client) pixels. */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room left between the panel's edge and the selection once it has been brought clear. */
export const CLEAR_GAP = 16;

const intersects = (a: ScreenRect, b: ScreenRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * How far to move the canvas's content to the right, in screen pixels, so that `selection` no
 * longer lies under `panel` (a panel docked at the view's left, like Excalidraw's style panel);
 * 0 when it is already clear, or when moving would not help: a selection wider than the room
 * right of the panel would only trade its left part for its right part, so the view stays put.
 * Only sideways: the panel is nearly as tall as the view, so moving up or down rarely clears it.
 */
export function panClearOf(selection: ScreenRect, panel: ScreenRect, view: ScreenRect, gap = CLEAR_GAP): number {
  if (!intersects(selection, panel)) return 0;
  const room = view.right - panel.right - 2 * gap;
  if (selection.right - selection.left > room) return 0;
  return panel.right + gap - selection.left;
}
