import type { SidePanel } from "../board/boardApi";
import { ActionsPanel } from "./ActionsPanel";
import { DecisionsPanel } from "./DecisionsPanel";
import { ExportPanel } from "./ExportPanel";
import { MatrixPanel } from "./MatrixPanel";
import { OutlinePanel } from "./OutlinePanel";
import { ScorecardPanel } from "./ScorecardPanel";
import { SummaryPanel } from "./SummaryPanel";
import { SwotPanel } from "./SwotPanel";
import { TemplateTools } from "./TemplateTools";
import { ThemesPanel } from "./ThemesPanel";

/** The template side panels; the board page adds them with `...templatePanels`. */
export const templatePanels: readonly SidePanel[] = [
  // Adding notes and templates is editing: a viewer would see an empty section.
  { id: "template-tools", title: "Notes & templates", roles: ["facilitator", "editor"], render: (api) => <TemplateTools api={api} /> },
  { id: "outline", title: "Outline", render: (api) => <OutlinePanel api={api} /> },
  { id: "matrix", title: "Impact / effort", render: (api) => <MatrixPanel api={api} /> },
  { id: "swot", title: "SWOT", render: (api) => <SwotPanel api={api} /> },
  { id: "scorecard", title: "Technical health", render: (api) => <ScorecardPanel api={api} /> },
  { id: "themes", title: "Themes", render: (api) => <ThemesPanel api={api} /> },
  { id: "summary", title: "Summary", render: (api) => <SummaryPanel api={api} /> },
  { id: "decisions", title: "Decisions", render: (api) => <DecisionsPanel api={api} /> },
  { id: "actions", title: "Actions", render: (api) => <ActionsPanel api={api} /> },
  { id: "export", title: "Export", render: (api) => <ExportPanel api={api} /> },
];
