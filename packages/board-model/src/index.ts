export {
  ROOT,
  type JsonObject,
  elementsMap,
  filesMap,
  templatesMap,
  notesMap,
  recordsMap,
} from "./roots";
export { ElementLike, QuadrantTag, quadrantTag } from "./element-like";
export {
  Score,
  TEMPLATE_INSTANCE_KINDS,
  TemplateInstanceKind,
  Zone,
  TemplateInstance,
  NoteOrigin,
  NoteData,
  ThemeRecord,
  PAIRING_KINDS,
  PairingKind,
  PairingRecord,
  VisionRecord,
  DecisionRecord,
  BoardRecord,
  VISION_RECORD_ID,
} from "./schemas";
export {
  type BoardSnapshot,
  type ParsedBoard,
  snapshotBoard,
  writeSnapshot,
  parseBoard,
} from "./board-snapshot";
export {
  readTemplate,
  writeTemplate,
  readNoteData,
  hasNoteData,
  updateNoteData,
  readRecord,
  writeRecord,
  deleteRecord,
  readElements,
} from "./accessors";
export { type WriteStamp, type BoardContent, insertContent, patchElement, topIndex } from "./element-writes";
