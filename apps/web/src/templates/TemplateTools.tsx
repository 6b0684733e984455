import { useState } from "react";
import { TEMPLATE_INSTANCE_KINDS, type TemplateInstanceKind } from "@quadrant/board-model";
import { DEFAULT_TEMPLATE_SIZE, type Point, buildTemplate } from "@quadrant/templates";
import type { BoardApi } from "../board/boardApi";
import { fitElementWhenShown } from "../board/fitView";
import { browserContext } from "./docWrites";
import { templateOrigin, viewCentre } from "./placeNew";
import { NoteColoursControl } from "../notes/NoteColoursControl";
import { QuickNote } from "../notes/QuickNote";

/** How the panels name each kind of template. */
export const TEMPLATE_KIND_LABELS: Record<TemplateInstanceKind, string> = {
  "impact-effort": "Impact / effort matrix",
  swot: "SWOT",
  "theme-map": "Theme map",
  "health-scorecard": "Technical health scorecard",
};

/** A new template goes into free space near the middle of the view, and the inserter's view fits it. */
function insertTemplate(api: BoardApi, kind: TemplateInstanceKind, near: Point): void {
  const size = DEFAULT_TEMPLATE_SIZE;
  const built = buildTemplate(kind, templateOrigin(api, size, near), size, browserContext());
  api.write.addStructure({ elements: built.elements, templates: [built.instance] });
  if (api.scene) void fitElementWhenShown(api.scene, built.instance.frameId);
}

/** "Insert template here" (in free space near the view's middle) and a quick sticky note that places itself ("n", type, Enter). */
export function TemplateTools({ api }: { api: BoardApi }) {
  const [kind, setKind] = useState<TemplateInstanceKind>(api.info.template === "blank" ? "impact-effort" : api.info.template);
  if (!api.canEdit) return null;
  return (
    <div className="panel-stack">
      <QuickNote api={api} />
      <div className="panel-row">
        <select aria-label="template kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateInstanceKind)}>
          {TEMPLATE_INSTANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {TEMPLATE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => insertTemplate(api, kind, viewCentre(api))}>
          Insert here
        </button>
      </div>
      <NoteColoursControl api={api} />
    </div>
  );
}
