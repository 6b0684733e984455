import { ElementLike, type ThemeRecord } from "@quadrant/board-model";
import { themeFromSelection } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { carriedItems, carryNotes } from "./carry";
import { CommitField } from "./CommitField";
import { browserContext, patchElement } from "./docWrites";
import { OwnerDueFields } from "./OwnerDueFields";
import { patchRecord } from "./patchRecord";
import { useBoardView } from "./useBoardView";
import { useParticipantNames } from "./useParticipantNames";

const FIELDS: ReadonlyArray<[keyof ThemeRecord & ("name" | "driver" | "implication" | "criteria" | "timeline"), string]> = [
  ["name", "Name"],
  ["driver", "Business driver"],
  ["implication", "Technical implication"],
  ["criteria", "Success criteria"],
  ["timeline", "Timeline"],
];

function ThemeEditor({ api, theme, names }: { api: BoardApi; theme: ThemeRecord; names: readonly string[] }) {
  // Saved against the record as the document holds it now: another person's edit of another field survives.
  const save = (patch: Partial<ThemeRecord>) =>
    api.doc.transact(() => {
      patchRecord(api.doc, theme.id, "theme", (current) => {
        const next: ThemeRecord = { ...current, ...patch };
        // An empty owner or due is no owner or due (the schema has no empty values for them).
        if (!next.owner) delete next.owner;
        if (!next.due) delete next.due;
        return next;
      });
      // The frame's label on the canvas is the theme's name.
      if (patch.name !== undefined) patchElement(api.doc, theme.frameId, { name: patch.name });
    });
  return (
    <div className="panel-stack theme-fields">
      {FIELDS.map(([field, label]) => (
        <label key={field} className="panel-field">
          {label}
          <CommitField
            value={theme[field]}
            label={label}
            testId={`theme-${field}-${theme.id}`}
            readOnly={!api.canEdit}
            multiline={field === "criteria"}
            onCommit={(value) => save({ [field]: value })}
          />
        </label>
      ))}
      <div className="panel-field">
        Owner and due
        <OwnerDueFields
          owner={theme.owner ?? ""}
          due={theme.due ?? ""}
          testId={`theme-plan-${theme.id}`}
          subject={theme.name || "this theme"}
          readOnly={!api.canEdit}
          names={names}
          now={Date.now()}
          onOwner={(owner) => save({ owner: owner || undefined })}
          onDue={(due) => save({ due: due || undefined })}
        />
      </div>
    </div>
  );
}

/** Themes with their text, their notes, unthemed notes, and "theme from selection". */
export function ThemesPanel({ api }: { api: BoardApi }) {
  const view = useBoardView(api.doc);
  const names = useParticipantNames(api);
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
          <ThemeEditor api={api} theme={theme} names={names} />
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
