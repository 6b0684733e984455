/** What public/board-early.js leaves on the window: the board's socket, opened before the bundle ran. */
export interface EarlySocket {
  url: string;
  socket: WebSocket;
  /** What the server sent so far, in order: the socket's early `onmessage` appends here. */
  messages: MessageEvent[];
}

declare global {
  // eslint-disable-next-line no-var -- a global the classic script sets
  var quadrantEarlySocket: EarlySocket | undefined;
}

const CONNECTING = 0;
const OPEN = 1;

type MessageHandler = ((event: MessageEvent) => unknown) | null;

/** The early socket if it was opened for exactly `url` and can still be used; it is handed out once. */
function takeEarlySocket(url: string): EarlySocket | null {
  const early = globalThis.quadrantEarlySocket;
  if (!early || early.url !== url) return null;
  globalThis.quadrantEarlySocket = undefined;
  return early.socket.readyState === OPEN || early.socket.readyState === CONNECTING ? early : null;
}

/**
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill`: the first socket asked for the
 * early socket's URL is that socket, every other one (and every reconnect) a new one.
 *
 * y-websocket sets its handlers right after constructing. Its message handler is held back until
 * `ready`, while the early handler goes on buffering; then it gets an `open` event if the socket
 * opened before it was adopted, the buffered messages in order, and the socket's own message
 * events from then on. The session passes IndexedDB's first load as `ready`: y-indexeddb writes
 * the whole document out once when it opens, which costs ~100 ms on a big board if the server's
 * copy is already in it (measured: the open was slower by as much when it was).
 */
export function adoptingWebSocket(ready: Promise<unknown> = Promise.resolve(), Native: typeof WebSocket = WebSocket): typeof WebSocket {
  function AdoptingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    const early = takeEarlySocket(String(url));
    if (!early) return new Native(url, protocols);
    const { socket, messages } = early;
    const openedBefore = socket.readyState === OPEN;
    // An own property over the prototype's `onmessage`: the socket keeps calling the early
    // handler, and y-websocket's waits here.
    let handler: MessageHandler = null;
    Object.defineProperty(socket, "onmessage", { configurable: true, get: () => handler, set: (h: MessageHandler) => void (handler = h) });
    void ready.then(() => {
      delete (socket as { onmessage?: unknown }).onmessage;
      if (openedBefore) socket.onopen?.(new Event("open"));
      for (const message of messages.splice(0)) handler?.(message);
      // Native message events are tasks: none can have slipped in between the replay and this.
      socket.onmessage = handler;
    });
    return socket;
  }
  // `new AdoptingWebSocket(...)` evaluates to the socket returned, which carries WebSocket's constants.
  return AdoptingWebSocket as unknown as typeof WebSocket;
}
