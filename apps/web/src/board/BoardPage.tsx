import { useCallback, useEffect, useState } from "react";
import { canEdit, CloseCode, type BoardInfo } from "@quadrant/protocol";
import { type ApiResult, getBoard } from "../api/client";
import { MessagePage } from "../app/MessagePage";
import { findBoard, loadIdentity, rememberBoard, type Identity } from "../app/localStore";
import { NamePrompt } from "./NamePrompt";
import { BoardRoom } from "./BoardRoom";
import type { SessionEnd } from "./useBoardSession";
import type { BoardSync } from "./boardSync";

type Access =
  | { kind: "checking" }
  | { kind: "ok"; info: BoardInfo; offline: boolean; early?: BoardSync }
  | { kind: "denied"; title: string; message: string; code: string };

/** Turn a REST failure into the page a person should see. */
function deniedPage(status: number): Access {
  if (status === 404)
    return { kind: "denied", code: "not_found", title: "This board does not exist", message: "It may have been deleted by its facilitator, or the link is mistyped." };
  if (status === 401 || status === 403)
    return { kind: "denied", code: "unauthorized", title: "This link is not valid", message: "The link was revoked or is incomplete. Ask the facilitator for a new one." };
  return { kind: "denied", code: "error", title: "The board could not be opened", message: `The server answered with an error (${status}). Try again in a moment.` };
}

/** The REST answer as a page: the board, an offline reload of what this browser kept, or why not. */
function accessFrom(result: ApiResult<BoardInfo>, boardId: string, token: string): Access {
  switch (result.kind) {
    case "ok":
      return { kind: "ok", info: result.value, offline: false };
    case "error":
      return deniedPage(result.status);
    case "network": {
      // Offline reload: open what this browser kept, with the role we last had.
      const known = findBoard(boardId);
      return known && known.token === token
        ? { kind: "ok", offline: true, info: { id: known.id, title: known.title, template: known.template, createdAt: "", role: known.role } }
        : { kind: "denied", code: "offline", title: "You are offline", message: "This board has not been opened on this device before, so there is nothing to show until the connection is back." };
    }
  }
}

interface Props {
  boardId: string;
  token: string | null;
  /** The access check main.tsx started while this page's code loaded (the first one only). */
  firstAccess?: Promise<ApiResult<BoardInfo>>;
  /** The document's sync main.tsx started beside that check (boardSync.ts): handed to the session, or closed if access is denied. */
  firstSync?: Promise<BoardSync | undefined>;
}

export default function BoardPage({ boardId, token, firstAccess, firstSync }: Props) {
  const [access, setAccess] = useState<Access>({ kind: "checking" });
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);

  useEffect(() => {
    if (!token) return;
    let live = true;
    const sync = firstAccess && firstSync ? firstSync.catch(() => undefined) : Promise.resolve(undefined);
    void Promise.all([firstAccess ?? getBoard(boardId, token), sync]).then(([result, early]) => {
      const next = accessFrom(result, boardId, token);
      if (!live || next.kind !== "ok") {
        // Denied (or left): the socket opened early must not stay open.
        early?.destroy();
        if (live) setAccess(next);
        return;
      }
      if (!next.offline) rememberBoard({ id: next.info.id, title: next.info.title, template: next.info.template, role: next.info.role, token, openedAt: Date.now() });
      setAccess({ ...next, early });
    });
    return () => {
      live = false;
    };
  }, [boardId, token, firstAccess, firstSync]);

  const checkAccess = useCallback(async (): Promise<SessionEnd | null> => {
    if (!token) return null;
    const result = await getBoard(boardId, token);
    return result.kind === "error" && (result.status === 401 || result.status === 404 || result.status === 403)
      ? { kind: "denied", status: result.status, message: result.message }
      : null;
  }, [boardId, token]);

  const onEnd = useCallback((end: SessionEnd) => {
    switch (end.kind) {
      case "denied":
        setAccess(deniedPage(end.status));
        return;
      case "terminal":
        setAccess(deniedPage(end.code === CloseCode.BoardDeleted ? 404 : 401));
        return;
    }
  }, []);

  useEffect(() => {
    if (access.kind === "ok") document.title = `${access.info.title} · Quadrant`;
  }, [access]);

  if (!token) {
    return <MessagePage code="no_token" title="This link is incomplete" message="A board link ends in #t=… Copy the whole link again from whoever shared it." />;
  }
  switch (access.kind) {
    case "checking":
      return <div className="splash">Opening board…</div>;
    case "denied":
      return <MessagePage code={access.code} title={access.title} message={access.message} />;
    case "ok":
      if (!identity) return <NamePrompt boardTitle={access.info.title} onDone={setIdentity} />;
      return (
        <BoardRoom
          info={access.info}
          token={token}
          identity={identity}
          editable={canEdit(access.info.role)}
          checkAccess={checkAccess}
          onEnd={onEnd}
          early={access.early}
        />
      );
  }
}
