// Live template logic: zones, scores, themes, exports. Pure: no DOM, React, Excalidraw or network.
// The numbered rules cited in comments are in ../RULES.md.
export type { BuildContext } from "./element-factory";
export { type Point, type Rect, centreOf, rotatedBounds, rectOf, toFraction, fromFraction, zoneAt } from "./geometry";
export {
  SCORE_MIN,
  SCORE_MAX,
  DEFAULT_URGENCY,
  DEFAULT_RISK,
  type MatrixScores,
  round1,
  scoresFromPosition,
  positionFromScores,
  priorityOf,
} from "./scores";
export {
  type Size,
  type BuiltTemplate,
  IMPACT_EFFORT_ZONES,
  SWOT_ZONES,
  HEALTH_ZONES,
  HEALTH_DIMENSION_NAMES,
  DEFAULT_TEMPLATE_SIZE,
  buildTemplate,
} from "./builders";
export { type BuiltNote, NOTE_SIZE, buildStickyNote, isNote, noteText } from "./notes";
export { type Placement, placeCentre } from "./placement";
export { type Looker, peopleInFrames } from "./frame-presence";
export { type Obstacles, TEMPLATE_GAP, NOTE_GAP, freeSpotFor, noteSlot, noteObstacles, occupiedBoxes, overlaps, boundsOf } from "./free-space";
export { type FrameElement, framesHolding, frameHolding, noteIds, notesHeldBy, isToBePlaced, notesToBePlaced } from "./frames";
export { type ZoneArea, zoneRect, zoneAreas, zoneAreaAt } from "./zone-areas";
export { type NoteTarget, placeQuickNote } from "./note-placement";
export { type TidyItem, type TidyMove, type TidyResult, TIDY_LABEL_SPACE, tidyGrid, separateOverlaps } from "./tidy";
export { type CountLines, type NoteFit, LABEL_INSET, NOTE_LINE_HEIGHT, NOTE_FONT_SIZES, fitNote, fittedSticky } from "./note-fit";
export {
  type NoteColourMode,
  AUTHOR_COLOURS,
  DEFAULT_NOTE_COLOUR,
  UNSIGNED_NOTE_COLOUR,
  RULE_COLOURS,
  noteColour,
  authorLegend,
} from "./note-colours";
export { moveNote } from "./note-writes";
export { QUARTERS, type Quarter, compareRank, rank, roadmap } from "./ranking";
export {
  type Votes,
  type NoteView,
  type ScoredNote,
  type ThemeView,
  type SwotView,
  type BoardView,
  interpretBoard,
  isScored,
  PAIRING_SOURCES,
} from "./interpret";
export { THEME_PADDING, type BuiltTheme, themeFromSelection, buildTheme } from "./themes";
export { CARRY_GAP, carryToMatrix } from "./carry";
export { LOW_HEALTH_RATING, carryHealthToSwot } from "./carry-health";
export { type ScorecardView, type ScorecardDimensionView, healthProvenance, scorecardTitle } from "./scorecard";
export { type NotDoingView, TIME_SINK_REASON, notDoingKind } from "./not-doing";
export { moveForScores } from "./move";
export { escapeMarkdown, csvText } from "./escape";
export { CSV_COLUMNS, exportCsv } from "./export-csv";
export { type BriefMeta, exportMarkdown } from "./export-markdown";
export { type ExportParticipant } from "./brief-outcomes";
export { adrLabel } from "./decision-markdown";
export { adrFileName, exportDecision, exportDecisionArchive } from "./export-decision";
export { type ZipEntry, zipStore } from "./zip";
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BoardBackup,
  type BackupMeta,
  BackupHistoryEntry,
  type ImportResult,
  exportBackup,
  importBackup,
  safeLink,
} from "./backup";
export {
  type ExportFormat,
  type ExportInput,
  type TextExport,
  type BinaryExport,
  EXPORT_FORMATS,
  exportBoard,
  exportOneDecision,
} from "./export-board";
export { PREWORK_AREA_NAME, type BuiltPreworkArea, buildPreworkArea } from "./prework-area";
export { boundTextIndex } from "./notes";
export { type ExportPrework, preworkSection } from "./brief-prework";
export { type ExportGroups, groupsSection } from "./brief-groups";
