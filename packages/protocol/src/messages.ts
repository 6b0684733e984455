/**
 * y-websocket wire protocol: the first varint of every frame is the message type.
 * Types 0–3 are the stock protocol (y-websocket / y-protocols); stock clients
 * understand exactly these. Quadrant's own types start at 100 and are only ever
 * sent to a connection that opted in (see `CONTROL_PARAM`), so a stock client
 * never receives a frame it cannot decode.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Quadrant facilitation channel: JSON payload as a varString, see control schemas. */
  Control: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a Sync message (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** Query parameter by which our web client asks the server for control frames. */
export const CONTROL_PARAM = "control";
