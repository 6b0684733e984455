import { templatePanels } from "../templates/templatePanels";
import { historyPanels } from "../history/historyPanels";
import type { SidePanel } from "./boardApi";

/**
 * The side panels the board page offers. Extensions add themselves here
 * (e.g. `...templatePanels` from ../templates, `...facilitationPanels` from ../facilitation).
 */
export const boardPanels: readonly SidePanel[] = [...templatePanels, ...historyPanels];
