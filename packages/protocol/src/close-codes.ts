/**
 * Websocket close codes used by the Quadrant server. 1xxx are RFC 6455 codes,
 * 4xxx are application codes modelled on HTTP statuses so logs read naturally.
 * Clients switch on these to decide whether reconnecting can help.
 */
export const CloseCode = {
  /** Server is shutting down or restarting; reconnect (to another instance). */
  ServiceRestart: 1012,
  /** Frame larger than the configured maximum. */
  MessageTooBig: 1009,
  /** Frame was not a valid y-protocol message or its update could not be applied. */
  MalformedMessage: 4400,
  /** The token is no longer valid (rotated or board deleted). Reconnecting will not help. */
  Unauthorized: 4401,
  /** The action is not allowed for this role. */
  Forbidden: 4403,
  /** The board was deleted while the socket was open. */
  BoardDeleted: 4404,
  /** The connection could not keep up: its send queue passed the bound. */
  SlowConsumer: 4408,
  /** Too many connections for this board or address. */
  TooManyConnections: 4409,
  /** The connection sent more than its rate limit allows. */
  RateLimited: 4429,
  /** The server failed unexpectedly while handling this connection. */
  InternalError: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect with the same link. */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.BoardDeleted,
]);
