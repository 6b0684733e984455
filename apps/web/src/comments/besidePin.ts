import { canvasRect } from "./usePins";

/**
 * Where a popover goes beside a pin (page pixels): right of it, or left of it when the canvas has no
 * room on the right, so it never covers the pin; kept inside the canvas vertically.
 */
export function besidePin(pin: { left: number; top: number }, width: number, height: number): { left: number; top: number } {
  const area = canvasRect() ?? new DOMRect(0, 0, window.innerWidth, window.innerHeight);
  const right = pin.left + 40;
  const left = right + width <= area.right - 8 ? right : Math.max(area.left + 8, pin.left - width - 12);
  const top = Math.max(area.top + 8, Math.min(pin.top - 40, area.bottom - height - 8));
  return { left, top };
}
