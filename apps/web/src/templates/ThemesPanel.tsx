import { ElementLike, type ThemeRecord, writeRecord } from "@quadrant/board-model";
import { themeFromSelection } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { carriedItems, carryNotes } from "./carry";
import { browserContext, patchElement } from "./docWrites";
import { useBoardView } from "./useBoardView";

const FIELDS: ReadonlyArray<[keyof ThemeRecord & ("name" | "driver" | "implication" | "criteria" | "timeline"), string]> = [
  ["name", "Name"],
  ["driver", "Business driver"],
  ["implication", "Technical implication"],
  ["criteria", "Success criteria"],
  ["timeline", "Timeline"],
];

function ThemeEditor({ api, theme }: { api: BoardApi; theme: ThemeRecord }) {
  const save = (field: (typeof FIELDS)[number][0], value: string) => {
    if (theme[field] === value) return;
    api.doc.transact(() => {
      writeRecord(api.doc, { ...theme, [field]: value });
      // The frame's label on the canvas is the theme's name.
      if (field === "name") patchElement(api.doc, theme.frameId, { name: value });
    });
  };
  return (
    <div className="panel-stack theme-fields">
      {FIELDS.map(([field, label]) => (
        <label key={field} className="panel-field">
          {label}
          {field === "criteria" ? (
            <textarea key={theme[field]} defaultValue={theme[field]} disabled={!api.canEdit} rows={2} onBlur={(e) => save(field, e.target.value)} />
          ) : (
            <input
              key={theme[field]}
              defaultValue={theme[field]}
              disabled={!api.canEdit}
              data-testid={`theme-${field}-${theme.id}`}
              onBlur={(e) => save(field, e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && save(field, e.currentTarget.value)}
            />
          )}
        </label>
      ))}
    </div>
  );
}

/** Themes with their text, their notes, unthemed notes, and "theme from selection". */
export function ThemesPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const hasMatrix = view.templates.some((t) => t.kind === "impact-effort");
  // An initiative already on the matrix is not offered again (it would be carried twice).
  const carried = carriedItems(api.doc, view.notes);
  const fromSelection = () => {
    const scene = api.scene;
    if (!scene) return;
    const selected = scene.api.getAppState().selectedElementIds;
    const elements = scene.api
      .getSceneElements()
      .filter((e) => selected[e.id])
      .map((e) => ElementLike.safeParse(structuredClone(e)))
      .flatMap((r) => (r.success ? [r.data] : []));
    const built = themeFromSelection(elements, "New theme", browserContext());
    if (!built) {
      scene.toast("Select some notes first.");
      return;
    }
    api.write.addStructure({ elements: [built.frame], records: [built.record] });
  };
  return (
    <div data-testid="themes-panel">
      {api.canEdit && (
        <button type="button" onClick={fromSelection} data-testid="theme-from-selection">
          Make a theme from the selection
        </button>
      )}
      {view.themes.map(({ theme, notes }) => (
        <details key={theme.id} open data-testid={`theme-${theme.id}`} className="theme-card">
          <summary>
            <strong>{theme.name || "Untitled theme"}</strong> <span className="muted">({notes.length})</span>
          </summary>
          <ThemeEditor api={api} theme={theme} />
          <ul className="theme-notes" data-testid={`theme-notes-${theme.id}`}>
            {notes.map((n) => (
              <li key={n.id}>{n.text}</li>
            ))}
          </ul>
          {api.canEdit && hasMatrix && notes.some((n) => !carried.has(n.id)) && (
            <button type="button" className="link-button" onClick={() => carryNotes(api, view, notes)}>
              Send initiatives to the matrix
            </button>
          )}
          {hasMatrix && notes.length > 0 && notes.every((n) => carried.has(n.id)) && (
            <p className="muted" data-testid="carried">✓ all on the matrix</p>
          )}
        </details>
      ))}
      <h3>Unthemed</h3>
      <ul data-testid="unthemed">
        {view.unthemed.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
        {view.unthemed.length === 0 && <li className="muted">none</li>}
      </ul>
    </div>
  );
}
