import { useEffect, useState } from "react";
import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Role, TemplateKind } from "@quadrant/protocol";
import { BoardConnection, type ConnectionStatus } from "../collab/connection";
import { adoptingWebSocket } from "../collab/earlySocket";
import { Presence } from "../collab/presence";
import type { Identity } from "../app/localStore";
import { canEdit } from "@quadrant/protocol";
import { ControlChannel, controlParams } from "../facilitation/controlChannel";
import { participantId } from "../facilitation/participantId";
import { PrivateNotesRouter } from "../facilitation/privateNotes";
import { BoardWriter } from "./boardWriter";
import { fitNewStickies } from "../notes/noteFit";
import { NoteAuthors, localPendingStore } from "./noteAuthors";
import { writeInitialTemplate } from "./initialTemplate";

export interface BoardSession {
  doc: Y.Doc;
  connection: BoardConnection;
  presence: Presence;
  /** Facilitation channel (server-held timer, votes, private notes…) on the same socket. */
  control: ControlChannel;
  /** Routes new elements to the server during a private brainstorm (see ElementBinding.divert). */
  privateNotes: PrivateNotesRouter;
  /** The one way panels add notes and structure (board/boardWriter.ts). */
  writer: BoardWriter;
  /** True once IndexedDB has loaded what this browser kept (offline edits, last state). */
  localLoaded: boolean;
  status: ConnectionStatus;
}

export type SessionEnd = { kind: "terminal"; code: number } | { kind: "denied"; status: number; message: string };

/**
 * One Y.Doc per open board, persisted per board in IndexedDB and synced over
 * the websocket. Everything is created in the effect and torn down with it.
 */
export function useBoardSession(
  boardId: string,
  token: string,
  role: Role,
  /** The template the board was created from: the first facilitator in sync writes it. */
  template: TemplateKind,
  identity: Identity,
  checkAccess: () => Promise<SessionEnd | null>,
  onEnd: (end: SessionEnd) => void,
): BoardSession | null {
  const [session, setSession] = useState<BoardSession | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`quadrant-board-${boardId}`, doc);
    const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/ws`;
    let checking = false;
    const connection = new BoardConnection({
      doc,
      wsUrl,
      boardId,
      token,
      extraParams: controlParams(participantId()),
      isOnline: () => navigator.onLine,
      // The socket public/board-early.js opened while the page loaded, when it is this one.
      WebSocketPolyfill: adoptingWebSocket(local.whenSynced),
      onTerminal: (code) => onEnd({ kind: "terminal", code }),
      // A refused upgrade looks like any failed socket in a browser: ask REST why.
      onRetry: () => {
        if (checking) return;
        checking = true;
        void checkAccess().then((end) => {
          checking = false;
          if (end) onEnd(end);
        });
      },
    });
    const control = new ControlChannel(connection.provider);
    const privateNotes = new PrivateNotesRouter(control, canEdit(role));
    // Notes this person creates carry their name (NoteData.author); viewers create none.
    const authors = canEdit(role) ? new NoteAuthors(doc, identity.name, localPendingStore(boardId)) : null;
    authors?.start();
    const unfollowHeld = authors?.follow(control);
    const writer = new BoardWriter(doc, privateNotes, role === "facilitator", authors, fitNewStickies);
    const stopInitialTemplate = role === "facilitator" ? writeInitialTemplate(connection.provider, doc, template, writer) : null;
    const presence = new Presence(connection.provider.awareness);
    presence.setUser({ name: identity.name, color: identity.color, role });
    let current: BoardSession = { doc, connection, presence, control, privateNotes, writer, localLoaded: false, status: connection.status };
    setSession(current);
    const update = (patch: Partial<BoardSession>) => {
      current = { ...current, ...patch };
      setSession(current);
    };
    void local.whenSynced.then(() => update({ localLoaded: true }));
    const unsubscribe = connection.subscribe((status) => update({ status }));
    const offline = () => connection.goOffline();
    const online = () => connection.goOnline();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      unsubscribe();
      stopInitialTemplate?.();
      unfollowHeld?.();
      authors?.destroy();
      presence.destroy();
      control.destroy();
      connection.destroy();
      void local.destroy();
      doc.destroy();
    };
    // identity/role changes do not rebuild the document; see BoardPage
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, token]);

  return session;
}
