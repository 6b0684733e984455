export { MessageType, SyncStep, CONTROL_PARAM } from "./messages";
export { encodeControlFrame, readControlText, decodeControlFrame } from "./control-frame";
export { CloseCode, TERMINAL_CLOSE_CODES } from "./close-codes";
export {
  BOARD_ID_PATTERN,
  TOKEN_PATTERN,
  BoardId,
  Token,
  ROLES,
  Role,
  TEMPLATE_KINDS,
  TemplateKind,
  canEdit,
} from "./ids";
export {
  ErrorBody,
  BoardTitle,
  CreateBoardBody,
  BoardTokens,
  BoardCreated,
  BoardImported,
  BoardInfo,
  RenameBoardBody,
  BoardIdParams,
  RotatableRole,
  RotateLinksBody,
  RotatedLinks,
  ServerInfo,
  CREATE_KEY_HEADER,
  EXPORT_FORMATS,
  ExportFormat,
  ExportQuery,
} from "./rest";
export { SaveStatus } from "./save-status";
export {
  HISTORY_TRIGGERS,
  HistoryTrigger,
  HistoryEntryId,
  CheckpointLabel,
  HistoryEntry,
  HistoryList,
  HistoryDiff,
  HistoryDetail,
  CheckpointBody,
  HistoryEntryParams,
  HistoryRestored,
} from "./history";
export { PRESENCE_SUMMARY_CLIENT_ID, PresenceSummary } from "./presence-summary";
