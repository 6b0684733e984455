import type { SidePanel } from "../board/boardApi";
import { HistoryPanel } from "./HistoryPanel";

/** The history side panel; the board page adds it with `...historyPanels`. Every role may look back; only the facilitator acts. */
export const historyPanels: readonly SidePanel[] = [{ id: "history", title: "History", render: (api) => <HistoryPanel api={api} /> }];
