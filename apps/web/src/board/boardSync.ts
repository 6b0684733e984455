import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { BoardConnection } from "../collab/connection";
import { ControlChannel, controlParams } from "../facilitation/controlChannel";
import { participantId } from "../facilitation/participantId";

/** What the page decides once it knows who may do what; until then nothing is lost (see SyncEvents). */
export interface SyncHandlers {
  onTerminal(code: number): void;
  onRetry(): void;
}

/**
 * The board document's transport: the Y.Doc, its IndexedDB copy, the websocket and the
 * facilitation channel on it. Nothing here depends on the role or the person's name, so
 * main.tsx starts it for a board link while the board's code is still downloading: the
 * document is usually synced by the time Excalidraw mounts (docs/web-performance.md).
 * The control channel is installed at once because the server talks on it as soon as the
 * socket opens, and y-websocket drops messages of a type nobody handles.
 */
export interface BoardSync {
  readonly boardId: string;
  readonly token: string;
  readonly doc: Y.Doc;
  readonly local: IndexeddbPersistence;
  readonly connection: BoardConnection;
  readonly control: ControlChannel;
  /** The page takes over the events; a terminal close that happened before is replayed to it. */
  attach(handlers: SyncHandlers): void;
  /** True the first time only: a second session (an effect re-run) builds its own. */
  claim(): boolean;
  destroy(): void;
}

export function startBoardSync(boardId: string, token: string): BoardSync {
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(`quadrant-board-${boardId}`, doc);
  const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws`;
  let handlers: SyncHandlers | null = null;
  // A close after which retrying cannot help, seen before the page attached (a revoked link).
  let terminal: number | null = null;
  let claimed = false;
  const connection = new BoardConnection({
    doc,
    wsUrl,
    boardId,
    token,
    extraParams: controlParams(participantId()),
    isOnline: () => navigator.onLine,
    onTerminal: (code) => {
      if (handlers) handlers.onTerminal(code);
      else terminal = code;
    },
    // Before the page attaches, its own first access check is already asking REST why.
    onRetry: () => handlers?.onRetry(),
  });
  const control = new ControlChannel(connection.provider);
  return {
    boardId,
    token,
    doc,
    local,
    connection,
    control,
    attach(next) {
      handlers = next;
      if (terminal !== null) next.onTerminal(terminal);
    },
    claim() {
      if (claimed) return false;
      claimed = true;
      return true;
    },
    destroy() {
      handlers = null;
      control.destroy();
      connection.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
