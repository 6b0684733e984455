import type { ReactNode } from "react";
import { useFold } from "./Fold";

/**
 * The board's tools column: ONE scroll area holding the facilitation dock and every side panel,
 * each section folding on its own. On a narrow screen (app/styles.css, max-width 760px) it is a
 * bottom sheet under the canvas, never over it: the handle folds it down to the handle (and the
 * timer), remembered per browser like the sections.
 */
export function SideColumn({ children }: { children: ReactNode }) {
  const [collapsed, toggle] = useFold("sheet");
  return (
    <aside className={`side-column${collapsed ? " is-collapsed" : ""}`} aria-label="Board tools" data-testid="side-column">
      <button type="button" className="sheet-handle" aria-expanded={!collapsed} aria-controls="side-panels" data-testid="sheet-handle" onClick={toggle}>
        <span className="sheet-grip" aria-hidden />
        {collapsed ? "Show tools" : "Hide tools"}
      </button>
      {children}
    </aside>
  );
}
